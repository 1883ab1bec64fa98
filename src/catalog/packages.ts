import type { PackageSpec } from "./types.js";

/** The eight one-time token packages; their tokens never expire and are spent after the plan's. */
export const packages: readonly PackageSpec[] = [
  { id: "start", name: "Start", tokens: 50, priceRub: 249 },
  { id: "light", name: "Light", tokens: 100, priceRub: 449 },
  { id: "standard", name: "Standard", tokens: 200, priceRub: 799 },
  { id: "advanced", name: "Advanced", tokens: 500, priceRub: 1790 },
  { id: "pro-pack", name: "Pro Pack", tokens: 1000, priceRub: 3290 },
  { id: "business", name: "Business", tokens: 2000, priceRub: 5990 },
  { id: "premium", name: "Premium", tokens: 5000, priceRub: 13990 },
  { id: "ultra", name: "Ultra", tokens: 10000, priceRub: 24990 },
];

export function findPackage(id: string): PackageSpec | undefined {
  return packages.find((pkg) => pkg.id === id);
}
