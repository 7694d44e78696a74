using Cooperation.Delegations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDelegations();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDelegations();
app.Run();
