// Shown instead of the board while nobody is signed in here (after signing out, or when the sign-in has expired or was
// refused): one button back to the provider's sign-in page.
import type { Dict } from "../i18n";

export function SignIn({ t, message, onSignIn }: { t: Dict; message: string | null; onSignIn: () => void }) {
  return (
    <section class="card signin">
      <h2>{t.signIn}</h2>
      {message && <div class="notice" role="status">{message}</div>}
      <p class="muted">{t.signInHint}</p>
      <button type="button" class="primary" onClick={onSignIn}>{t.signInButton}</button>
    </section>
  );
}
