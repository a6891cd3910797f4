// npm run check:breaking
// Compares the working spec with the last released one (releases/) and fails on any
// breaking change unless info.version's major number was raised. Every change is listed with its
// level and location; non-breaking ones pass.
import { exitWithFailure } from './lib/steps.mjs';
import { checkBreakingChanges } from './lib/breaking-gate.mjs';

checkBreakingChanges().catch(exitWithFailure);
