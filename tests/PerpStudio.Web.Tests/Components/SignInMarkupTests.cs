using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PerpStudio.Api.Operators;
using PerpStudio.Web.Components;
using PerpStudio.Web.Models;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Tests.Components;

public sealed class SignInMarkupTests : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    [Fact]
    public async Task The_demo_sign_in_takes_an_optional_referral_code_with_a_label()
    {
        var site = new OperatorSite("acme", BrandingProfile.Default with { DisplayName = "Acme Perps" }, FeatureFlags.Default, 1);
        var html = await new ComponentHtml(_services, NullLoggerFactory.Instance)
            .RenderAsync<SignInPanel>(new Dictionary<string, object?> { ["Model"] = new Visitor(site, null, true, null, 1) });

        html.ShouldContain("<label for=\"referral-code\">Referral code (optional)</label>");
        html.ShouldContain("<input id=\"referral-code\" name=\"referral_code\" form=\"demo-sign-in-form\"");
        html.ShouldContain("<form id=\"demo-sign-in-form\"");
        html.IndexOf("name=\"referral_code\"", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("data-testid=\"demo-sign-in\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_demo_wallet_the_referral_code_is_still_offered_for_the_browser_wallet()
    {
        var site = new OperatorSite("acme", BrandingProfile.Default with { DisplayName = "Acme Perps" }, FeatureFlags.Default, 1);
        var html = await new ComponentHtml(_services, NullLoggerFactory.Instance)
            .RenderAsync<SignInPanel>(new Dictionary<string, object?> { ["Model"] = new Visitor(site, null, false, null, 1) });

        html.ShouldNotContain("data-testid=\"demo-sign-in\"");
        html.ShouldContain("<input id=\"referral-code\" name=\"referral_code\"");
        html.ShouldContain("id=\"wallet-sign-in\"");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
