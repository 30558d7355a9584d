import { packageVersion } from '../packageVersion.js';

/** The version of the kykypolku package this CLI belongs to. @internal */
export const cliVersion: string = packageVersion;
