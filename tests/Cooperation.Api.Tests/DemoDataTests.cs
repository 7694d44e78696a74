using System.Text.Json;

namespace Cooperation.Api.Tests;

/// <summary>
/// The demo loader (the same as deploy/run.sh runs) loads the seed facts that visits as they go, the counts of visits for a
/// period, commissions and their sessions, occasions, exchanges of people and the ties it once left out make recordable, each
/// with its seed's words.
/// </summary>
public class DemoDataTests(CooperationSystem system)
{
    [Fact]
    public async Task The_demo_data_loads_visits_under_way_counts_commissions_occasions_exchanges_and_the_ties_once_left_out()
    {
        var (exitCode, output) = await system.LoadDemoDataAsync();
        // The contract test's request examples are seed facts too: on a store where it ran first, the loader meets them (409).
        var refused = output.Split('\n').Where(l => l.Contains(" refused with ", StringComparison.Ordinal)).ToList();
        Assert.True(exitCode == 0 || refused.All(l => l.Contains(" refused with 409", StringComparison.Ordinal)), output);
        using var ministry = await system.ClientAsync("ministry");

        // "Сейчас делегация Курской области находится с деловым визитом в Беларуси": under way, with the minister beside its head.
        var kursk = (await ministry.GetJsonAsync("/api/delegations/visits?region=RU-KRS&status=under-way&pageSize=200")).GetProperty("items").EnumerateArray()
            .Single(v => v.GetProperty("head").GetProperty("name").GetString() == "Sergei Starodubtsev");
        Assert.Equal(("under-way", "2023"), (kursk.GetProperty("status").GetString(), kursk.GetProperty("startedOn").GetString()));
        Assert.Equal("Mikhail Aksyonov", Assert.Single(kursk.GetProperty("members").EnumerateArray()).GetProperty("name").GetString());
        Assert.StartsWith("Сейчас делегация Курской области находится", kursk.GetProperty("source").GetProperty("quote").GetString());

        // "принято 22 делегации, КНР посетило 22": both counts, for 2011, with their quote.
        var counts = (await ministry.GetJsonAsync("/api/delegations/visit-counts?region=RU-AMU-BLAGOVESHCHENSK&partner=CN&from=2011&to=2011&pageSize=200"))
            .GetProperty("items").EnumerateArray().Where(c => c.GetProperty("partner").GetProperty("code").GetString() == "CN"
                && c.GetProperty("period").GetProperty("from").GetString() == "2011" && c.GetProperty("period").GetProperty("to").GetString() == "2011").ToList();
        Assert.Equal(["incoming", "outgoing"], counts.Select(c => c.GetProperty("direction").GetString()).Order().ToArray());
        Assert.All(counts, c => Assert.Equal(22, c.GetProperty("count").GetInt32()));
        Assert.All(counts, c => Assert.Contains("принято 22 делегации", c.GetProperty("source").GetProperty("quote").GetString()));

        // FEZ Grodnoinvest at the PRC's national exhibition in Moscow: China the partner, Moscow the venue.
        var exhibition = (await ministry.GetJsonAsync("/api/delegations/visits?region=BY-HR&partner=CN&from=2007-03-25&to=2007-03-29")).GetProperty("items")
            .EnumerateArray().Single(v => v.GetProperty("occasion").GetString() == "National Exhibition of the PRC in Moscow" && FromSeed(v));
        Assert.Equal("RU-MOW", exhibition.GetProperty("venue").GetProperty("code").GetString());

        // The Shandong governor's first visit, "в рамках действующего Соглашения" of 2004 (the contract test's example is that visit too, held under none).
        var governor = (await ministry.GetJsonAsync("/api/delegations/visits?region=BY-VI&partner=CN-SD&from=2017-09&to=2017-09&pageSize=200")).GetProperty("items")
            .EnumerateArray().First(v => v.GetProperty("head").GetProperty("position").GetString() == "Governor of Shandong Province"
                && v.GetProperty("heldUnder").ValueKind == JsonValueKind.String);
        var agreement = await ministry.GetJsonAsync($"/api/agreements/{governor.GetProperty("heldUnder").GetGuid()}");
        Assert.Equal(("Agreement on cooperation between Vitebsk Oblast and Shandong Province", "2004"),
            (agreement.GetProperty("title").GetString(), agreement.GetProperty("signedOn").GetString()));

        // The Harbin fair's editions and the Kursk Korennaya fair, as occasions with the visits made to them.
        var harbin = (await ministry.GetJsonAsync("/api/delegations/occasions?region=BY-VI&series=Harbin%20International%20Economic%20and%20Trade%20Fair&pageSize=200"))
            .GetProperty("items").EnumerateArray().Where(FromSeed).ToList();
        var fair23 = harbin.Single(o => o.GetProperty("edition") is { ValueKind: JsonValueKind.Number } e && e.GetInt32() == 23);
        Assert.Equal(("held", "2012-06", "CN-HL-HARBIN"), (fair23.GetProperty("status").GetString(), fair23.GetProperty("from").GetString(),
            fair23.GetProperty("venue").GetProperty("code").GetString()));
        Assert.Contains("23rd Harbin International Economic and Trade Fair", fair23.GetProperty("source").GetProperty("quote").GetString());
        var visitToFair = Assert.Single(fair23.GetProperty("visits").EnumerateArray()).GetProperty("id").GetGuid();
        Assert.Equal("23rd Harbin International Economic and Trade Fair",
            (await ministry.GetJsonAsync($"/api/delegations/visits/{visitToFair}")).GetProperty("occasion").GetString());
        Assert.Contains(harbin, o => o.GetProperty("from").GetString() == "2019-06");
        var korennaya = (await ministry.GetJsonAsync("/api/delegations/occasions?region=RU-KRS&kind=fair&series=Kursk%20Korennaya%20Fair&from=2022&to=2022"))
            .GetProperty("items").EnumerateArray().Single(FromSeed);
        Assert.Contains("ежегодной Курской Коренской ярмарке", korennaya.GetProperty("source").GetProperty("quote").GetString());
        Assert.Single(korennaya.GetProperty("visits").EnumerateArray());

        // The China Cultural Centre opened at Grodno State University on 22 March 2007; the 18 Chinese students at the agricultural academy.
        var centre = (await ministry.GetJsonAsync("/api/delegations/exchanges?region=BY-HR-GRODNO&partner=CN&from=2007-03-22&to=2007-03-22"))
            .GetProperty("items").EnumerateArray().Single(FromSeed);
        Assert.Equal(("China Cultural Centre", "2007-03-22"), (centre.GetProperty("opened").GetProperty("name").GetString(), centre.GetProperty("opened").GetProperty("on").GetString()));
        Assert.StartsWith("On March 22nd, 2007", centre.GetProperty("source").GetProperty("quote").GetString());
        var students = (await ministry.GetJsonAsync("/api/delegations/exchanges?region=BY-MA&kind=students&direction=received&pageSize=200"))
            .GetProperty("items").EnumerateArray().Where(FromSeed)
            .Single(x => x.GetProperty("to").GetProperty("institution").GetString() == "Belarusian State Agricultural Academy");
        Assert.Equal((18, "There are 18 Chinese students studying at the academy."), (students.GetProperty("count").GetInt32(),
            students.GetProperty("source").GetProperty("quote").GetString()));

        // Blagoveshchensk's ties with Niigata, Takatsuki and Joetsu, "более 10 лет".
        foreach (var city in new[] { "JP-15-NIIGATA", "JP-27-TAKATSUKI", "JP-15-JOETSU" })
        {
            var tie = Assert.Single((await ministry.GetJsonAsync($"/api/agreements?party={city}&region=RU-AMU")).GetProperty("items").EnumerateArray(),
                a => a.GetProperty("kind").GetString() == "friendly-relations");
            Assert.Equal("signed", tie.GetProperty("status").GetString());
        }

        // "Министр является руководителем белорусской части Совместной рабочей группы": the group, its curator since 2009, its 2022 session.
        var group = (await ministry.GetJsonAsync("/api/agreements/commissions?party=RU-KRS&kind=joint-working-group&pageSize=200")).GetProperty("items")
            .EnumerateArray().First(c => FromSeed(c) && c.GetProperty("sessions").GetArrayLength() == 1);
        Assert.Contains("Совместной рабочей группы", group.GetProperty("source").GetProperty("quote").GetString());
        var curator = group.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "curator");
        Assert.Equal("2009", curator.GetProperty("from").GetString());
        Assert.StartsWith("С 2009 года за Министром связи", curator.GetProperty("source").GetProperty("quote").GetString());
        Assert.Equal(("2022", "RU-KRS"), (group.GetProperty("sessions")[0].GetProperty("on").GetString(),
            group.GetProperty("sessions")[0].GetProperty("place").GetProperty("code").GetString()));

        // Minsk's exports with China in January-September 2010 "more than doubled".
        var reports = (await ministry.GetJsonAsync("/api/trade/reports?reporter=BY-HM&partner=CN&from=2010-01&to=2010-09")).GetProperty("items").EnumerateArray();
        var minsk = await ministry.GetJsonAsync($"/api/trade/reports/{reports.Single(r => r.GetProperty("period").GetProperty("from").GetString() == "2010-01").GetProperty("id").GetGuid()}");
        Assert.Equal((100m, "at-least"), (minsk.GetProperty("exportsGrowthPercent").GetDecimal(), minsk.GetProperty("qualifiers").GetProperty("exportsGrowthPercent").GetString()));
    }

    private static bool FromSeed(JsonElement record) =>
        record.GetProperty("source") is { ValueKind: JsonValueKind.Object } source && source.GetProperty("locator").GetString()?.StartsWith("seeds/") == true;
}
