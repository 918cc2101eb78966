using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace PerpStudio.Web.Rendering;

/// <summary>
/// Renders Razor components to HTML on the server: whole pages, and single panels that the page script swaps in when
/// a form is answered or a live event arrives. Components take their view model as a parameter and do no I/O.
/// </summary>
public sealed class ComponentHtml(IServiceProvider services, ILoggerFactory loggers)
{
    /// <summary>The HTML of <typeparamref name="TComponent"/> with <paramref name="parameters"/>.</summary>
    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    /// <summary>The HTML of a component with one parameter named <c>Model</c>.</summary>
    public Task<string> RenderAsync<TComponent>(object model)
        where TComponent : IComponent =>
        RenderAsync<TComponent>(new Dictionary<string, object?> { ["Model"] = model });
}
