import { developmentIdentities, developmentToken, type DevelopmentCase } from '../gateway/auth/devTokens';
import { ROLES } from '../platform/identity';

/** One development bearer token per role, with the claims each carries, as `npm start` and `npm run tokens` print them. */
export async function developmentTokens(example: DevelopmentCase): Promise<{ officer: string; text: string }> {
  const identities = developmentIdentities(example);
  const lines: string[] = ['Development tokens (valid 12 h; send as "Authorization: Bearer <token>"):'];
  const tokens = new Map<string, string>();
  for (const role of ROLES) {
    const { userId: _user, roles: _roles, ...claims } = identities[role];
    const token = await developmentToken(identities[role]);
    tokens.set(role, token);
    const shown = Object.entries(claims)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    lines.push(`  ${role}${shown ? ` (${shown})` : ''}:`, `    ${token}`);
  }
  return { officer: tokens.get('OFFICER') ?? '', text: lines.join('\n') };
}
