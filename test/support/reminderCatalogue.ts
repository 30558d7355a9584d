// A host's catalogue module for `kykypolku deadlines --module`: the reminder path.
import { reminderPath } from './reminderPath.js';

export const catalogue = [reminderPath];
