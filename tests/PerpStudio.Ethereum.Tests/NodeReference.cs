using System.Text.Json;
using System.Text.Json.Nodes;
using PerpStudio.Testing;

namespace PerpStudio.Ethereum.Tests;

/// <summary>Runs the reference scripts in node/ (ethers v6, @msgpack/msgpack) once per batch of requests.</summary>
internal static class NodeReference
{
    private static readonly string Directory = RepoRoot.Combine("tests", "PerpStudio.Ethereum.Tests", "node");

    /// <summary>Sends all requests to ethers-check.js and returns one answer object per request.</summary>
    public static Task<JsonArray> EthersAsync(JsonArray requests) => RunAsync("ethers-check.js", requests);

    /// <summary>Sends value trees to msgpack-check.js and returns the hex encoding of each.</summary>
    public static async Task<string[]> MsgPackAsync(JsonArray trees)
    {
        var answers = await RunAsync("msgpack-check.js", trees);
        return answers.Select(a => a!.GetValue<string>()).ToArray();
    }

    private static async Task<JsonArray> RunAsync(string script, JsonArray input)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
        {
            throw new InvalidOperationException($"run `npm ci` in {Directory} first (test.sh does)");
        }

        var result = await ExternalProcess.NodeAsync(Directory, script, input.ToJsonString(), TimeSpan.FromMinutes(3));
        result.EnsureSuccess();
        var answers = JsonNode.Parse(result.StandardOutput)!.AsArray();
        answers.Count.ShouldBe(input.Count, "node answered a different number of requests");
        return answers;
    }

    /// <summary>The answer's string member, failing with node's error text when it reported one.</summary>
    public static string Text(JsonNode? answer, string member)
    {
        answer.ShouldNotBeNull();
        if (answer[member] is null)
        {
            throw new InvalidOperationException($"node gave no {member}: {answer.ToJsonString(new JsonSerializerOptions { WriteIndented = false })}");
        }

        return answer[member]!.GetValue<string>();
    }
}
