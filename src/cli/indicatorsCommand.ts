import { parseArgs } from 'node:util';
import { countIndicators } from '../indicators/countIndicators.js';
import { formatIndicatorCsv, formatIndicatorTable } from '../indicators/formatIndicators.js';
import { checkIndicatorQuery, type IndicatorQueryRejection } from '../indicators/indicatorPeriod.js';
import type { IndicatorPeriodUnit } from '../indicators/indicatorQuery.js';
import { languages } from '../path/label.js';
import { formatSource } from '../path/source.js';
import { selectPaths } from './catalogue.js';
import { type CliCommand, integerOption, languageOption, UsageError } from './command.js';
import { openStore, organisationScope, scopedStoreOptions, storeOptionsUsage } from './storeOption.js';

const formats = ['table', 'csv', 'json'] as const;

/** The option a refused query field came from. */
const optionOf = {
  from: 'from',
  to: 'to',
  by: 'by',
  byOrganisation: 'by-organisation',
  smallNumberThreshold: 'small-number',
} as const satisfies Record<IndicatorQueryRejection['field'], string>;

/** `kykypolku indicators`: the paths' service indicators, counted in the database. @internal */
export const indicatorsCommand: CliCommand = {
  name: 'indicators',
  usage: `kykypolku indicators --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--by month|quarter|year] [--format table|csv|json]
      [--lang fi|sv|en] [--path <id>]… [--small-number <n>] [--by-organisation] [--organisation <code>]
      ${storeOptionsUsage}
      The service indicators each path declares (access within a month, end reasons, IPS outcomes, …),
      counted in the database over the stored cases by period (Finnish time), path version and
      indicator, with each one's definition and source. from and to are inclusive dates. A cell with
      fewer than --small-number clients (default 5) is marked, so a published table singles out nobody.
      --by-organisation gives one cell per organisation (data controller) too, each marked on its own;
      --organisation opens the store for one organisation, which then counts only its own cases.`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        by: { type: 'string', default: 'month' },
        format: { type: 'string', default: 'table' },
        lang: { type: 'string' },
        path: { type: 'string', multiple: true },
        'small-number': { type: 'string' },
        'by-organisation': { type: 'boolean', default: false },
        ...scopedStoreOptions,
      },
      strict: true,
    });
    const format = values.format as (typeof formats)[number];
    if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, got '${values.format}'`);
    const lang = languageOption(values.lang, languages);
    const query = {
      from: values.from ?? '',
      to: values.to ?? '',
      by: values.by as IndicatorPeriodUnit,
      smallNumberThreshold: integerOption('small-number', values['small-number'], 5),
      byOrganisation: values['by-organisation'] === true,
    };
    const checked = checkIndicatorQuery(query);
    if (!checked.ok) throw new UsageError(`--${optionOf[checked.field]}: ${checked.message}`);
    const scope = organisationScope(values);
    const paths = selectPaths(values.path);
    const opened = await openStore(values, scope);
    try {
      const counted = await countIndicators(opened.store, paths, query);
      if (!counted.ok) throw new UsageError(counted.message);
      if (format === 'csv') io.out.write(formatIndicatorCsv(counted.cells, checked.query.byOrganisation));
      else if (format === 'table') io.out.write(formatIndicatorTable(paths, counted.cells, checked.query, lang));
      else {
        const indicators = paths.flatMap((path) =>
          (path.indicators ?? []).map((indicator) => ({
            pathId: path.id,
            id: indicator.id,
            kind: indicator.kind,
            name: indicator.name[lang],
            definition: indicator.definition[lang],
            source: formatSource(indicator.source),
            countedBy: indicator.period.by,
            cells: counted.cells.filter((cell) => cell.pathId === path.id && cell.indicatorId === indicator.id),
          })),
        );
        io.out.write(`${JSON.stringify({ store: opened.name, query: checked.query, indicators }, null, 2)}\n`);
      }
      return 0;
    } finally {
      await opened.close();
    }
  },
};
