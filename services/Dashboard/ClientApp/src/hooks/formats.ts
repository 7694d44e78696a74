// Numbers and times as the chosen language writes them.
import { useMemo } from "preact/hooks";
import type { Lang } from "../i18n";

export function useFormats(lang: Lang) {
  return useMemo(() => {
    const locale = lang === "ru" ? "ru-RU" : "en-GB";
    return {
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
      when: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }),
      time: new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    };
  }, [lang]);
}
