/** The plans of the seeds, for billing tests (the catalog's own table, checked against the seeds in test/catalog). */
export { plans as testPlans } from "../../src/catalog/plans.js";
