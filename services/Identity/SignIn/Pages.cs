using System.Net;

namespace Cooperation.Identity.SignIn;

/// <summary>The provider's few pages, in Russian or English (<c>?lang=ru|en</c>, else the browser's Accept-Language).</summary>
public static class Pages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new()
    {
        ["en"] = new()
        {
            ["title"] = "Cooperation: sign in", ["userName"] = "Sign-in name", ["password"] = "Password", ["signIn"] = "Sign in",
            ["demo"] = "Sign in as the demo analyst", ["wrong"] = "The sign-in name or the password is wrong.",
            ["locked"] = "Too many failed attempts: this account is locked for a while.", ["disabled"] = "This account is disabled.",
            ["device"] = "Sign in the command line", ["code"] = "Code shown by the command line", ["approve"] = "Allow",
            ["approveText"] = "Allow the command line that shows this code to act as {0}?", ["done"] = "Done: you may close this page and go back to the command line.",
            ["badCode"] = "This code is unknown or has expired.", ["other"] = "Русский", ["otherLang"] = "ru", ["signedOut"] = "You are signed out.",
        },
        ["ru"] = new()
        {
            ["title"] = "Сотрудничество: вход", ["userName"] = "Имя для входа", ["password"] = "Пароль", ["signIn"] = "Войти",
            ["demo"] = "Войти как демо-аналитик", ["wrong"] = "Неверное имя для входа или пароль.",
            ["locked"] = "Слишком много неудачных попыток: учётная запись временно заблокирована.", ["disabled"] = "Учётная запись отключена.",
            ["device"] = "Вход для командной строки", ["code"] = "Код из командной строки", ["approve"] = "Разрешить",
            ["approveText"] = "Разрешить командной строке с этим кодом действовать от имени {0}?", ["done"] = "Готово: закройте страницу и вернитесь в командную строку.",
            ["badCode"] = "Код неизвестен или устарел.", ["other"] = "English", ["otherLang"] = "en", ["signedOut"] = "Вы вышли.",
        },
    };

    public static string Language(HttpRequest request) =>
        request.Query["lang"].ToString() is "ru" or "en" ? request.Query["lang"].ToString()
        : request.Form() is { } form && form["lang"].ToString() is "ru" or "en" ? form["lang"].ToString()
        : request.Headers.AcceptLanguage.ToString().StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";

    private static IFormCollection? Form(this HttpRequest request) => request.HasFormContentType ? request.Form : null;

    public static string Text(string language, string key) => Texts[language][key];

    public static IResult Html(string language, string body, int status = StatusCodes.Status200OK)
    {
        var html = $"""
            <!doctype html>
            <html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(Text(language, "title"))}</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem{"}"}label,input,button{"{"}display:block;width:100%;margin:.4rem 0{"}"}input,button{"{"}padding:.5rem;box-sizing:border-box{"}"}.error{"{"}color:#a00{"}"}nav{"{"}text-align:right{"}"}</style>
            </head><body>{body}</body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
