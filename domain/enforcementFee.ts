/**
 * 申请执行费: the fee for applying for enforcement, by the amount to enforce (诉讼费用交纳办法, art. 14(1)).
 * The first 10,000 yuan cost 50 yuan per case; the part above is charged by bands. The court's own record
 * of what is owed plus this fee is the most any measure may control (domain.md: "debt plus costs").
 */
const BANDS: readonly { above: number; rate: number }[] = [
  // Thresholds and the flat fee in fen; rates apply to the part of the amount above `above`.
  { above: 1_000_000_000, rate: 0.001 },
  { above: 500_000_000, rate: 0.005 },
  { above: 50_000_000, rate: 0.01 },
  { above: 1_000_000, rate: 0.015 },
];
const FLAT_FEE = 5_000;

/** The enforcement fee in fen for an amount owed in fen, rounded to the fen. */
export function enforcementFee(amountOwed: number): number {
  let rest = Math.max(0, amountOwed);
  let fee = 0;
  for (const band of BANDS) {
    if (rest > band.above) {
      fee += (rest - band.above) * band.rate;
      rest = band.above;
    }
  }
  return Math.round(fee) + FLAT_FEE;
}

/** The debt plus the costs of enforcing it: the ceiling on what a court may control for one case. */
export function debtPlusCosts(amountOwed: number): number {
  return amountOwed + enforcementFee(amountOwed);
}
