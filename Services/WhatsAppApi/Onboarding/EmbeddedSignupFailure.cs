namespace WhatsAppGenesys.WhatsAppApi.Onboarding;

/// <summary>A step of Embedded Signup that Meta refused, phrased for the operator (never with a token or code in it).</summary>
public sealed class EmbeddedSignupFailure(string step, string message) : Exception(message)
{
    /// <summary>Which step: <c>code</c>, <c>grant</c>, <c>phone-number</c>, <c>subscribe</c> or <c>register</c>.</summary>
    public string Step { get; } = step;
}
