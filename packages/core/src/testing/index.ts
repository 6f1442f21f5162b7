export { RuleTester, type ExpectedFinding, type InvalidTestCase, type ValidTestCase } from "./rule-tester.js";
export { seededRandom } from "./seeded-random.js";
