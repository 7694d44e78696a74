// Who reads the page: the account signed in at the OpenID Connect provider that /dashboard/signin.json names, with the
// authorization code flow and PKCE (oidc-client-ts). A visitor without a session is sent to the provider's sign-in page
// and comes back to where they were; the access token is renewed with the refresh token before it expires; signing out
// ends the provider's session too. The token is kept for the browser tab (sessionStorage), never typed or pasted.
import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import { useEffect, useState } from "preact/hooks";
import { bearer } from "../api";

interface SignInSettings { authority: string; clientId: string; scope: string }

/** The page signed in to and returned to: the dashboard or the committees' workspace (both registered with the provider). */
const home = location.pathname.startsWith("/workspace") ? "/workspace/" : "/dashboard/";

/** Set when the user signs out, so that the page says so instead of going straight back to the sign-in page. */
const SIGNED_OUT = "cooperation.dashboard.signedOut";

let manager: Promise<UserManager> | null = null;
function userManager(): Promise<UserManager> {
  return manager ??= fetch("/dashboard/signin.json", { cache: "no-store" })
    .then(response => { if (!response.ok) throw new Error(`signin.json: HTTP ${response.status}`); return response.json(); })
    .then((settings: SignInSettings) => new UserManager({
      authority: settings.authority,
      client_id: settings.clientId,
      scope: settings.scope,
      redirect_uri: `${location.origin}${home}`,
      post_logout_redirect_uri: `${location.origin}${home}`,
      userStore: new WebStorageStateStore({ store: sessionStorage }),
      automaticSilentRenew: true,
    }));
}

/** Why the last sign-in failed, when the provider sent the browser back with an error or the code could not be redeemed. */
let signInFailure: string | null = null;

/**
 * Finishes a sign-in the provider has sent the browser back from (`?code=&state=`), before the page is drawn: the tokens
 * are kept and the address becomes again the one the visit began at, filters and all, for the page to read.
 */
export async function completeSignIn(): Promise<void> {
  const query = new URLSearchParams(location.search);
  if (!query.has("state") || !(query.has("code") || query.has("error"))) return;
  try {
    const back = await (await userManager()).signinRedirectCallback();
    history.replaceState(null, "", typeof back.state === "string" ? back.state : home);
  } catch (error) {
    signInFailure = String((error as Error)?.message ?? error);
    history.replaceState(null, "", home);
  }
}

export type SessionState = "starting" | "signed-in" | "signed-out" | "failed";

export function useSession() {
  const [user, setUser] = useState<User | null>(null);
  const [state, setState] = useState<SessionState>("starting");
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const use = (signedIn: User | null) => {
      bearer.set(signedIn?.access_token ?? null);
      setUser(signedIn);
      setState(signedIn ? "signed-in" : "signed-out");
    };
    (async () => {
      const users = await userManager();
      users.events.addUserLoaded(use);
      users.events.addUserUnloaded(() => use(null));
      // A refresh refused (the account disabled, the session ended): the user signs in again.
      users.events.addSilentRenewError(() => { users.removeUser(); });
      if (signInFailure) throw new Error(signInFailure);
      let current = await users.getUser();
      if (current?.expired && current.refresh_token) current = await users.signinSilent().catch(() => null);
      if (current && !current.expired) return use(current);
      if (sessionStorage.getItem(SIGNED_OUT)) return use(null);
      await users.signinRedirect({ state: location.pathname + location.search + location.hash });
    })().catch(error => { setFailure(String(error?.message ?? error)); setState("failed"); });
  }, []);

  const signIn = async () => {
    sessionStorage.removeItem(SIGNED_OUT);
    await (await userManager()).signinRedirect({ state: location.pathname + location.search + location.hash });
  };
  const signOut = async () => {
    sessionStorage.setItem(SIGNED_OUT, "1");
    const users = await userManager();
    const current = await users.getUser();
    bearer.set(null);
    await users.signoutRedirect({ id_token_hint: current?.id_token });
  };
  /** Whom the page reads as: stays the same while the token is renewed, so the feed is not reopened each time. */
  const account = user?.profile.sub ?? null;
  return { account, token: user?.access_token ?? null, state, failure, signIn, signOut };
}
