using System.Net;
using System.Text.RegularExpressions;

namespace StockAndFlow.Tests.Web;

/// <summary>Small readers of the admin's HTML: enough to find rows, counts and links without a DOM.</summary>
public static partial class AdminHtml
{
    /// <summary>The member keys of the members table, in order.</summary>
    public static List<string> MemberKeys(string html) =>
        [.. RowKey().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    /// <summary>The number of members matching the filter, as the members page states it.</summary>
    public static long MemberTotal(string html) => long.Parse(Total().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text of the first element carrying <c>data-stockandflow-admin="<paramref name="marker"/>"</c>.</summary>
    public static string Marked(string html, string marker)
    {
        var match = Regex.Match(html, $"data-stockandflow-admin=\"{Regex.Escape(marker)}\"[^>]*>(.*?)<", RegexOptions.Singleline);
        Assert.True(match.Success, $"No element marked data-stockandflow-admin=\"{marker}\".");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    /// <summary>Every href on the page, decoded.</summary>
    public static List<string> Links(string html) =>
        [.. Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    /// <summary>The path and query a redirect points to, whether the Location is absolute or not.</summary>
    public static string Target(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} without a Location.");
        return new Uri(new Uri("http://localhost"), location).PathAndQuery;
    }

    public static long Number(string text) =>
        long.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<tr data-key=\"([^\"]*)\"")]
    private static partial Regex RowKey();

    [GeneratedRegex("data-members-form data-total=\"(\\d+)\"")]
    private static partial Regex Total();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
