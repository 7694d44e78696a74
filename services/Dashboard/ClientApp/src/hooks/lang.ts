// The page's language: the one chosen last on this browser, else the browser's own (Russian or English); kept for the
// next visit and set on the document.
import { useEffect, useState } from "preact/hooks";
import type { Lang } from "../i18n";

const LANG_KEY = "cooperation.lang";

export function useLang(): [Lang, (lang: Lang) => void] {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) as Lang) ?? (navigator.language.startsWith("ru") ? "ru" : "en"));
  useEffect(() => { localStorage.setItem(LANG_KEY, lang); document.documentElement.lang = lang; }, [lang]);
  return [lang, setLang];
}
