import { expect, it } from 'vitest';
import { createMemoryStore, organisationProblem } from 'kykypolku';
import { createPgliteStore, organisationGrants } from 'kykypolku/postgres';

it('takes an organisation code of short ASCII only, and says why not without repeating it', () => {
  for (const code of ['county-1', 'KELA', '1.2.246.10.12345678.10', '0245437-2', 'a'.repeat(64)])
    expect(organisationProblem(code)).toBeUndefined();
  const refused: [unknown, RegExp][] = [
    ['', /empty/],
    ['a'.repeat(65), /at most 64/],
    ['Kela, Helsinki', /ASCII letters/],
    ['hyvinvointialue-ä', /ASCII letters/],
    ['-county', /starting with/],
    ["county'; DROP TABLE kykypolku_events; --", /ASCII letters/],
    [42, /must be a string/],
    [null, /got null/],
  ];
  for (const [code, reason] of refused) {
    const problem = organisationProblem(code);
    expect(problem).toMatch(reason);
    if (typeof code === 'string' && code.length > 0) expect(problem).not.toContain(code);
  }
});

it('refuses a store opened for something that is not an organisation code, as the TypeError of a configuration error', async () => {
  expect(() => createMemoryStore({ organisation: 'Kela Helsinki' })).toThrow(/createMemoryStore: organisation may hold only/);
  expect(() => createMemoryStore().forOrganisation('')).toThrow(/forOrganisation: organisation must not be empty/);
  await expect(createPgliteStore({ organisation: 'a b' })).rejects.toThrow(/the PGlite store: organisation may hold only/);
});

it('writes grants only for a plain role and an organisation code, so nothing in them needs quoting', () => {
  expect(organisationGrants({ organisation: 'county-a', role: 'county_a' })).toContain(
    "INSERT INTO kykypolku_organisation_roles (organisation, role_name) VALUES ('county-a', 'county_a') ON CONFLICT DO NOTHING",
  );
  expect(organisationGrants({ organisation: 'county-a', role: 'county_a' }).join('\n')).not.toMatch(
    /GRANT [^\n]*(UPDATE|DELETE)[^\n]*kykypolku_events/,
  );
  expect(() => organisationGrants({ organisation: 'county-a', role: 'County A' })).toThrow(/role must be a lowercase PostgreSQL name/);
  expect(() => organisationGrants({ organisation: "x'); DROP TABLE t; --", role: 'r' })).toThrow(/organisation may hold only/);
});
