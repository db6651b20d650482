using Microsoft.Extensions.Options;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// Parameter object for the Graph calls a partner makes after Embedded Signup.
public sealed record SignupServices(
    BusinessRegistry Businesses,
    SignupStore Signups,
    OnboardingRecords Records,
    TimeProvider Time,
    IOptions<MetaSandboxOptions> Options);
