// In-host entry for the installed pass (scripts/rig/runHostTests.ts): the same mocha runner as test/host, over the
// compiled tests next to this file (out/test/hostInstalled/**/*.test.js).
export { run } from '../host/index';
