// Shown instead of the board until a token is given: paste one, or in a local run sign in as a demo role.
import { useState } from "preact/hooks";
import { useDevTokens } from "../hooks/session";
import type { Dict } from "../i18n";

export function SignIn({ t, devAvailable, message, onToken }: { t: Dict; devAvailable: boolean | null; message: string | null; onToken: (token: string) => void }) {
  const [value, setValue] = useState("");
  const demo = useDevTokens(devAvailable, onToken);
  return (
    <section class="card signin">
      <h2>{t.signIn}</h2>
      {message && <div class="notice">{message}</div>}
      <p class="muted">{t.signInHint}</p>
      <form onSubmit={e => { e.preventDefault(); if (value.trim()) onToken(value); }}>
        <label>{t.token}<textarea rows={4} value={value} onInput={e => setValue((e.target as HTMLTextAreaElement).value)} spellcheck={false} /></label>
        <button type="submit" class="primary">{t.useToken}</button>
      </form>
      {demo.available && (
        <div class="demo">
          <span class="muted">{t.demoAs}</span>
          {(["ministry", "auditor"] as const).map(role => (
            <button key={role} onClick={() => demo.signInAs(role)}>{t[role]}</button>
          ))}
        </div>
      )}
    </section>
  );
}
