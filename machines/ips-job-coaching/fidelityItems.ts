/**
 * The 25 items of the IPS Supported Employment Fidelity Scale (IPS-25), grouped as the scale groups
 * them: staffing 3, organisation 8, services 14 (domain.md §2.1; the 2008 revised scale, validated as
 * IPS-25). The English names are the scale's own; THL's Finnish criteria text is not in the seeds,
 * so no Finnish item names are given here rather than invented ones.
 */
export const ipsFidelityItems = [
  { id: 'caseloadSize', group: 'staffing', name: 'Caseload size' },
  { id: 'employmentServicesStaff', group: 'staffing', name: 'Employment services staff' },
  { id: 'vocationalGeneralists', group: 'staffing', name: 'Vocational generalists' },
  {
    id: 'integrationThroughTeamAssignment',
    group: 'organisation',
    name: 'Integration of rehabilitation with mental health treatment through team assignment',
  },
  {
    id: 'integrationThroughTeamContact',
    group: 'organisation',
    name: 'Integration of rehabilitation with mental health treatment through frequent team member contact',
  },
  {
    id: 'collaborationWithRehabilitationCounselors',
    group: 'organisation',
    name: 'Collaboration between employment specialists and vocational rehabilitation counselors',
  },
  { id: 'vocationalUnit', group: 'organisation', name: 'Vocational unit' },
  { id: 'roleOfEmploymentSupervisor', group: 'organisation', name: 'Role of employment supervisor' },
  { id: 'zeroExclusionCriteria', group: 'organisation', name: 'Zero exclusion criteria' },
  { id: 'agencyFocusOnCompetitiveEmployment', group: 'organisation', name: 'Agency focus on competitive employment' },
  { id: 'executiveTeamSupport', group: 'organisation', name: 'Executive team support for supported employment' },
  { id: 'workIncentivesPlanning', group: 'services', name: 'Work incentives planning' },
  { id: 'disclosure', group: 'services', name: 'Disclosure' },
  { id: 'workBasedVocationalAssessment', group: 'services', name: 'Ongoing, work-based vocational assessment' },
  { id: 'rapidSearchForCompetitiveJob', group: 'services', name: 'Rapid search for competitive job' },
  { id: 'individualizedJobSearch', group: 'services', name: 'Individualized job search' },
  { id: 'jobDevelopmentFrequentEmployerContact', group: 'services', name: 'Job development – frequent employer contact' },
  { id: 'jobDevelopmentQualityOfEmployerContact', group: 'services', name: 'Job development – quality of employer contact' },
  { id: 'diversityOfJobTypes', group: 'services', name: 'Diversity of job types' },
  { id: 'diversityOfEmployers', group: 'services', name: 'Diversity of employers' },
  { id: 'competitiveJobs', group: 'services', name: 'Competitive jobs' },
  { id: 'individualizedFollowAlongSupports', group: 'services', name: 'Individualized follow-along supports' },
  { id: 'timeUnlimitedFollowAlongSupports', group: 'services', name: 'Time-unlimited follow-along supports' },
  { id: 'communityBasedServices', group: 'services', name: 'Community-based services' },
  { id: 'assertiveEngagementAndOutreach', group: 'services', name: 'Assertive engagement and outreach by integrated treatment team' },
] as const;

/** The id of one IPS-25 item. */
export type IpsFidelityItemId = (typeof ipsFidelityItems)[number]['id'];

/** The three groups of the scale. */
export type IpsFidelityGroup = (typeof ipsFidelityItems)[number]['group'];
