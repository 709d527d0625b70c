using Microsoft.Playwright;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// Collects what would show in the browser's console as an error — script exceptions, failed loads,
/// content-security-policy refusals — so a page that looks fine but broke something still fails.
/// </summary>
public sealed class PageProblems
{
    private readonly List<string> _problems = [];

    public PageProblems(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_problems)
                {
                    _problems.Add($"console error on {page.Url}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_problems)
            {
                _problems.Add($"uncaught error on {page.Url}: {error}");
            }
        };
    }

    public void AssertNone()
    {
        lock (_problems)
        {
            Assert.True(_problems.Count == 0, string.Join(Environment.NewLine, _problems));
        }
    }
}
