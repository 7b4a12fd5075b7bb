// Tests run from a bundle under out/ or .build/<name>/out/: find the source tree they came from.
export { distDir, repoRoot } from '../support/repo';
