// A catalogue whose v2 forgot the guard on DONE: the model check of the gate must stop it.
import { definePath } from 'kykypolku';
import { reviewPath, reviewSpec } from './reviewPath.js';

export const catalogue = [reviewPath, definePath({ ...reviewSpec({ doneGuard: false }), version: 2, migrations: [{ from: 1 }] })];
