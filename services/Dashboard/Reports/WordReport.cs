using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Cooperation.Dashboard.Reports;

/// <summary>The report as a Word document (Open XML): headings as Word's heading styles, each fact's source as a real footnote.</summary>
public static class WordReport
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(IReadOnlyList<ReportBlock> blocks, bool russian)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(russian ? "ru-RU" : "en-GB");
            // Word's separators between the text and the notes, then one note a fact.
            var notes = new Footnotes(
                new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
                new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
            var body = new Body();
            var next = 1;
            foreach (var block in blocks)
            {
                var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = StyleOf(block.Kind) }), Text(block.Text));
                if (block.Note is { } note)
                {
                    var id = next++;
                    paragraph.Append(new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReference { Id = id }));
                    notes.Append(new Footnote(new Paragraph(
                        new ParagraphProperties(new ParagraphStyleId { Val = "FootnoteText" }),
                        new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReferenceMark()),
                        Text(" " + note))) { Id = id });
                }
                body.Append(paragraph);
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 850, Header = 709, Footer = 709, Gutter = 0 }));
            main.AddNewPart<FootnotesPart>().Footnotes = notes;
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static Run Text(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static string StyleOf(ReportBlockKind kind) => kind switch
    {
        ReportBlockKind.Title => "Title",
        ReportBlockKind.Heading => "Heading1",
        ReportBlockKind.Subheading => "Heading2",
        ReportBlockKind.Header => "Subtitle",
        _ => "Normal",
    };

    private static Styles Styles(string language)
    {
        static Style Paragraph(string id, string name, int halfPoints, bool bold = false, int after = 120, int before = 0, string? basedOn = "Normal")
        {
            var run = new StyleRunProperties(new FontSize { Val = halfPoints.ToString() });
            if (bold) run.PrependChild(new Bold());
            var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
            if (basedOn is not null) style.Append(new BasedOn { Val = basedOn });
            style.Append(new StyleParagraphProperties(new SpacingBetweenLines { Before = before.ToString(), After = after.ToString() }), run);
            return style;
        }
        var normal = Paragraph("Normal", "Normal", 24, basedOn: null);
        normal.Default = true;
        return new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                new Languages { Val = language }))),
            normal,
            Paragraph("Title", "Title", 32, bold: true, after: 240),
            Paragraph("Subtitle", "Subtitle", 20, after: 60),
            Paragraph("Heading1", "heading 1", 28, bold: true, before: 240),
            Paragraph("Heading2", "heading 2", 24, bold: true, before: 120),
            Paragraph("FootnoteText", "footnote text", 20, after: 0),
            new Style(new StyleName { Val = "footnote reference" }, new StyleRunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }))
                { Type = StyleValues.Character, StyleId = "FootnoteReference" });
    }
}
