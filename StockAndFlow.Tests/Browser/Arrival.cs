using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// Waiting for the page a click leads to. <c>IPage.WaitForURLAsync</c> checks the frame's load states and
/// then subscribes to their event, and a <c>load</c> that arrives between the two is missed (the wait then
/// runs into its timeout on a page that loaded long ago). Here the address is polled by the browser side and
/// the document's own <c>readyState</c> is read in the page, so there is nothing to miss.
/// </summary>
internal static class Arrival
{
    /// <summary>Waits until the page's address matches <paramref name="url"/> and that document has loaded.</summary>
    public static async Task ArriveAtAsync(this IPage page, Regex url)
    {
        // The navigation's own time, not an assertion's default of 5 s.
        await Expect(page).ToHaveURLAsync(url, new() { Timeout = BrowserFixture.ActionTimeout });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }
}
