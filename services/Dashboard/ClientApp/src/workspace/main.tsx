// The committees' workspace: the same sign-in, language and API types as the dashboard (one ClientApp, two pages), laid
// out as the region's lists, each record's page and the forms of a clerk's day. A committee's clerk works on the records
// of the committee's region; the ministry reads every region.
import { render } from "preact";
import { claims } from "../api";
import { SignIn } from "../cards/signin";
import { useLang } from "../hooks/lang";
import { completeSignIn, useSession } from "../hooks/session";
import { dictionaries, type Lang } from "../i18n";
import { Lists, Sections } from "./lists";
import { NewRecord } from "./new";
import { RecordPage } from "./record-page";
import { useRoute } from "./route";
import { Sheets } from "./sheets";
import { words } from "./words";
import "../styles.css";
import "./workspace.css";

function App() {
  const [lang, setLang] = useLang();
  const w = words[lang];
  const t = dictionaries[lang];
  const session = useSession();
  const route = useRoute();
  const who = claims(session.token);
  const allowed = who.role === "committee" || who.role === "ministry" || who.role === "admin" || who.role === "auditor";
  const region = who.role === "committee" ? who.region ?? null : null;

  const header = (
    <header class="top">
      <a href="#content" class="skip">{w.skip}</a>
      <div class="brand"><div><h1>{w.title}</h1><p>{w.subtitle}</p></div></div>
      <div class="top-right">
        {session.account && <div class="who">
          <span class="role">{who.sub} · {t[(who.role ?? "committee") as "committee"] ?? who.role}{region ? ` · ${region}` : ""}</span>
          <button class="link" onClick={() => session.signOut()}>{w.signOut}</button>
        </div>}
        <div class="lang" role="group" aria-label="Language">
          {(["ru", "en"] as Lang[]).map(l => <button key={l} class={l === lang ? "on" : ""} aria-pressed={l === lang} onClick={() => setLang(l)}>{l.toUpperCase()}</button>)}
        </div>
      </div>
    </header>);

  let body;
  if (session.state === "starting") body = <div class="loading">{w.loading}</div>;
  else if (!session.account) body = <SignIn t={{ ...t, signIn: w.signIn, signInHint: w.signInHint, signInButton: w.signInButton }} onSignIn={session.signIn}
    message={session.state === "failed" ? `${w.signInFailed} ${session.failure}` : session.state === "signed-out" ? w.signedOut : null} />;
  else if (!allowed) body = <div class="notice" role="alert">{w.forbiddenPage}</div>;
  else if (route.page === "list") body = <Lists kind={route.kind} query={route.query} w={w} lang={lang} region={region} />;
  else if (route.page === "record") body = <RecordPage key={route.id} kind={route.kind} id={route.id} w={w} lang={lang} />;
  else if (route.page === "sheets") body = <Sheets w={w} lang={lang} kind={route.kind} />;
  else body = <NewRecord key={route.kind} kind={route.kind} w={w} lang={lang} region={region} />;

  const sections = session.account && allowed && <Sections current={route.page === "sheets" ? "sheets" : route.kind} w={w} lang={lang} />;
  return <div class="page workspace">{header}<main id="content" tabIndex={-1}>{sections}{body}</main></div>;
}

completeSignIn().then(() => render(<App />, document.getElementById("app")!));
