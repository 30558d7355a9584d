// The build bundles package.json's version into the CLI, so `kykypolku --version` needs no file
// at run time and always names the package it came in.
import packageJson from '../../package.json' with { type: 'json' };

/** The version of the kykypolku package this CLI belongs to. @internal */
export const cliVersion: string = packageJson.version;
