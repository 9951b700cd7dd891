/** Masking of personal names for roles that must not see them in full. */

/** 张三 → 张*, 李小龙 → 李**: only the first character stays (for 欧阳 that is half the surname). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
