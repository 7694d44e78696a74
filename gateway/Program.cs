using Cooperation.Gateway;
using Cooperation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProxy();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDevTokens();
app.MapProxy();
app.Run();
