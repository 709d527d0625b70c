namespace StockAndFlow.Web.Security;

/// <summary>
/// Headers on every response: no sniffing, no framing, no referrer leaks, and a content security policy
/// that allows only this origin's scripts (the admin loads nothing from a CDN and has no inline script;
/// the Hangfire dashboard, which inlines some, gets 'unsafe-inline' for its own path only).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string hangfirePath) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        var scripts = context.Request.Path.StartsWithSegments(hangfirePath) ? "'self' 'unsafe-inline'" : "'self'";
        headers.ContentSecurityPolicy = $"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        return next(context);
    });
}
