using System.Reflection;
using JasperFx.Events;

namespace Cooperation.Domain.Tests;

/// <summary>
/// Builds state from events the way Marten does, through the public Create and Apply methods: the state's own, or its
/// projection's (which take the event wrapped as <see cref="IEvent{T}"/>). An event that no method takes fails the test
/// instead of being skipped, so a test can never describe a history the state did not see.
/// </summary>
public static class Fold
{
    /// <summary>The state that the events make, the first one through <c>Create</c>, the rest through <c>Apply</c>.</summary>
    public static TState Into<TState>(params object[] events) => Run<TState>(typeof(TState), events);

    /// <summary>The view that the events make through the projection's <c>Create</c> and <c>Apply</c>.</summary>
    public static TView Through<TProjection, TView>(params object[] events) => Run<TView>(typeof(TProjection), events);

    private static TState Run<TState>(Type methods, object[] events)
    {
        Assert.NotEmpty(events);
        var state = default(TState);
        for (var i = 0; i < events.Length; i++)
        {
            var name = i == 0 ? "Create" : "Apply";
            // Marten's metadata, as a stream of these events alone would carry it.
            var wrapped = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(events[i].GetType()), events[i])!;
            wrapped.Version = i + 1;
            wrapped.Timestamp = DateTimeOffset.UnixEpoch;
            var call = methods.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
                .Where(m => m.Name == name && typeof(TState).IsAssignableFrom(m.ReturnType))
                .Select(m => Arguments(m, events[i], wrapped, state))
                .SingleOrDefault(a => a is not null);
            if (call is not { } found)
            {
                Assert.Fail($"{methods.Name} has no public {name} that takes {events[i].GetType().Name}: the event would be skipped.");
                return state!;
            }
            var target = found.Method.IsStatic ? null : methods == typeof(TState) ? state : Activator.CreateInstance(methods);
            state = (TState)found.Method.Invoke(target, found.Arguments)!;
        }
        return state!;
    }

    /// <summary>The arguments for one method if it takes this event (bare or wrapped) and, for a static Apply, the state.</summary>
    private static (MethodInfo Method, object?[] Arguments)? Arguments<TState>(MethodInfo method, object data, IEvent wrapped, TState? state)
    {
        object? Event(Type type) => type.IsInstanceOfType(data) ? data : type.IsInstanceOfType(wrapped) ? wrapped : null;
        var parameters = method.GetParameters().Select(p => p.ParameterType).ToArray();
        // Create(event) makes the state; Apply(event) on the state, or Apply(event, state) on a projection, moves it on.
        return (method.Name, parameters) switch
        {
            ("Create", [var e]) when Event(e) is { } arg => (method, [arg]),
            ("Apply", [var e]) when Event(e) is { } arg => (method, [arg]),
            ("Apply", [var e, var s]) when s.IsAssignableFrom(typeof(TState)) && Event(e) is { } arg => (method, [arg, state]),
            _ => null,
        };
    }
}
