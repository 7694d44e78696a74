using Cooperation.Gateway;
using Cooperation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProxy();
builder.AddRateLimits();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseRateLimiter();
app.MapProxy();
app.Run();
