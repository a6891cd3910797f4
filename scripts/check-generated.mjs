// npm run check:generated
// Regenerates the committed artifacts (bundled spec, types, the plain-text docs in generated/docs/)
// into a scratch folder and compares them with what is committed under generated/. Fails, naming each
// file, when they differ (line endings aside: a CRLF checkout of the same content passes, and says so),
// are missing, or are no longer made: generated/ must only ever change by running the build.
import { exitWithFailure } from './lib/steps.mjs';
import { checkGeneratedFiles } from './lib/drift.mjs';

checkGeneratedFiles().catch(exitWithFailure);
