// Who reads the page: the bearer token kept for the browser tab. A local run mints a ministry token by itself from the
// gateway's dev endpoint; elsewhere the user pastes one.
import { useEffect, useState } from "preact/hooks";
import { devToken, tokens } from "../api";

export function useSession() {
  const [token, setToken] = useState(tokens.get());
  /** Whether the dev endpoint mints tokens here: null until asked. */
  const [devAvailable, setDevAvailable] = useState<boolean | null>(null);

  useEffect(() => {
    if (token) return;
    devToken("ministry").then(minted => {
      setDevAvailable(minted !== null);
      if (minted) { tokens.set(minted); setToken(minted); }
    }).catch(() => setDevAvailable(false));
  }, [token]);

  const signIn = (value: string) => { tokens.set(value); setToken(tokens.get()); };
  const signOut = () => { tokens.clear(); setToken(null); setDevAvailable(null); };
  return { token, devAvailable, signIn, signOut };
}

/** For the sign-in form: whether the dev endpoint mints tokens here (asked once where not yet known), and a sign-in as one of its roles. */
export function useDevTokens(known: boolean | null, onToken: (token: string) => void) {
  const [available, setAvailable] = useState(known);
  useEffect(() => { if (available === null) devToken("ministry").then(m => setAvailable(m !== null)).catch(() => setAvailable(false)); }, []);
  const signInAs = async (role: string) => { const minted = await devToken(role); if (minted) onToken(minted); };
  return { available, signInAs };
}
