using Microsoft.Playwright;

namespace StockAndFlow.Tests.Browser;

/// <summary>
/// What a canvas actually shows, read back in the page with <c>getImageData</c>: how many pixels are
/// painted at all (alpha &gt; 0), and how many of them are clearly coloured — axes, grid lines and
/// labels are grey in both themes, so coloured pixels mean a data series was drawn.
/// </summary>
public sealed record CanvasPixels(int Width, int Height, int Painted, int Colored)
{
    private const string Script = """
        canvas => {
            const width = canvas.width, height = canvas.height;
            if (!width || !height) return { width, height, painted: 0, colored: 0 };
            const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
            let painted = 0, colored = 0;
            for (let i = 0; i < data.length; i += 4) {
                const a = data[i + 3];
                if (a === 0) continue;
                painted++;
                const max = Math.max(data[i], data[i + 1], data[i + 2]);
                const min = Math.min(data[i], data[i + 1], data[i + 2]);
                if (a > 60 && max - min > 60) colored++;
            }
            return { width, height, painted, colored };
        }
        """;

    public static async Task<CanvasPixels> ReadAsync(ILocator canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var result = await canvas.EvaluateAsync<Result>(Script);
        return new CanvasPixels(result.Width, result.Height, result.Painted, result.Colored);
    }

    /// <summary>Reads the canvas until a series shows (charts draw after their data arrives), then asserts it.</summary>
    public static async Task<CanvasPixels> AssertDrawnAsync(ILocator canvas, string what, int minColored = 100)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var pixels = await ReadAsync(canvas);
        while (pixels.Colored < minColored && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            pixels = await ReadAsync(canvas);
        }

        Assert.True(pixels.Width > 0 && pixels.Height > 0, $"{what}: the canvas has no size ({pixels}).");
        Assert.True(pixels.Painted > pixels.Width * pixels.Height / 100, $"{what}: almost nothing is painted on the canvas ({pixels}).");
        Assert.True(pixels.Colored >= minColored, $"{what}: no data series is drawn, only grey axes and labels ({pixels}).");
        return pixels;
    }

    // Playwright fills results through a parameterless constructor and setters.
    private sealed class Result
    {
        public int Width { get; set; }

        public int Height { get; set; }

        public int Painted { get; set; }

        public int Colored { get; set; }
    }
}
