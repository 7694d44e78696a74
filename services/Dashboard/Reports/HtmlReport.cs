using System.Net;
using System.Text;

namespace Cooperation.Dashboard.Reports;

/// <summary>The report as a page: the same words as the Word document, each fact's source as a numbered note at the foot.</summary>
public static class HtmlReport
{
    public const string MediaType = "text/html";

    public static string Write(IReadOnlyList<ReportBlock> blocks, bool russian)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        var notes = new List<string>();
        var title = blocks.FirstOrDefault(b => b.Kind == ReportBlockKind.Title)?.Text ?? "";
        html.Append($"<!DOCTYPE html>\n<html lang=\"{(russian ? "ru" : "en")}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{E(title)}</title>\n<style>")
            .Append("body{font-family:'Times New Roman',serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.4}")
            .Append(".header{color:#555;font-size:.9rem;margin:.2rem 0}.fact{margin:.4rem 0}.remark{color:#777;font-style:italic}")
            .Append("sup a{text-decoration:none}.notes{font-size:.85rem;border-top:1px solid #999;margin-top:2rem;padding-top:.5rem}")
            .Append("</style>\n</head>\n<body>\n");
        foreach (var block in blocks)
        {
            var text = E(block.Text);
            if (block.Note is { } note)
            {
                notes.Add(note);
                var n = notes.Count;
                text += $"<sup><a href=\"#note-{n}\" id=\"ref-{n}\">{n}</a></sup>";
            }
            html.Append(block.Kind switch
            {
                ReportBlockKind.Title => $"<h1>{text}</h1>",
                ReportBlockKind.Header => $"<p class=\"header\">{text}</p>",
                ReportBlockKind.Heading => $"<h2>{text}</h2>",
                ReportBlockKind.Subheading => $"<h3>{text}</h3>",
                ReportBlockKind.Remark => $"<p class=\"remark\">{text}</p>",
                _ => $"<p class=\"fact\">{text}</p>",
            }).Append('\n');
        }
        html.Append("<ol class=\"notes\">\n");
        for (var i = 0; i < notes.Count; i++)
            html.Append($"<li id=\"note-{i + 1}\">{E(notes[i])} <a href=\"#ref-{i + 1}\">↩</a></li>\n");
        return html.Append("</ol>\n</body>\n</html>\n").ToString();
    }
}
