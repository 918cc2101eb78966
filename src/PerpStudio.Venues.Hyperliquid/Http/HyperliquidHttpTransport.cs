using System.Net;
using System.Text.Json;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Hyperliquid.Http;

/// <summary>Posts JSON to Hyperliquid and turns transport failures into the venue contract's exceptions.</summary>
internal static class HyperliquidHttpTransport
{
    public static async Task<JsonDocument> PostAsync(HttpClient http, Uri uri, byte[] body, bool outcomeUnknownOnFailure, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VenueTimeoutException($"hyperliquid: no answer from {uri.AbsolutePath} in time", e);
        }
        catch (HttpRequestException e)
        {
            throw new VenueUnavailableException($"hyperliquid: {uri.AbsolutePath} unreachable: {e.Message}", outcomeUnknown: outcomeUnknownOnFailure && e.HttpRequestError != HttpRequestError.ConnectionError);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new VenueUnavailableException($"hyperliquid: rate limited on {uri.AbsolutePath}: {text}", outcomeUnknown: false);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new VenueUnavailableException(
                    $"hyperliquid: {uri.AbsolutePath} answered {(int)response.StatusCode}: {text}",
                    outcomeUnknown: outcomeUnknownOnFailure && (int)response.StatusCode >= 500);
            }

            try
            {
                return JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new VenueUnavailableException($"hyperliquid: {uri.AbsolutePath} answered with malformed JSON: {e.Message}", e);
            }
        }
    }
}
