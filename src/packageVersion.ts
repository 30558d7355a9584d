// The build bundles package.json's version, so nothing reads a file at run time and the version is
// always the package's own. The one module that imports package.json: with a single importer the
// bundler keeps only `version` of it, not the whole manifest.
import packageJson from '../package.json' with { type: 'json' };

/** The version of the kykypolku package this code came in. @internal */
export const packageVersion: string = packageJson.version;
