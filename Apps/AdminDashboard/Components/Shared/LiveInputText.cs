using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;

namespace WhatsAppGenesys.AdminDashboard.Components.Shared;

/// <summary>
/// An <see cref="InputText"/> that hands every edit to the form as it is typed (the <c>input</c> event), not when the
/// field loses focus (<c>change</c>). On an interactive page a <c>change</c> arrives only on blur; a user who fills the
/// last fields and presses Enter, or a browser under load, can submit before the server has the value, and the form
/// then says a filled field is empty. Validation messages also clear as soon as the user types.
/// </summary>
public sealed class LiveInputText : InputText
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "input");
        builder.AddMultipleAttributes(1, AdditionalAttributes);
        if (!string.IsNullOrEmpty(NameAttributeValue))
        {
            builder.AddAttribute(2, "name", NameAttributeValue);
        }
        builder.AddAttribute(3, "class", CssClass);
        builder.AddAttribute(4, "value", CurrentValueAsString);
        builder.AddAttribute(5, "oninput",
            EventCallback.Factory.CreateBinder<string?>(this, value => CurrentValueAsString = value, CurrentValueAsString));
        builder.SetUpdatesAttributeName("value");
        builder.AddElementReferenceCapture(6, reference => Element = reference);
        builder.CloseElement();
    }
}
