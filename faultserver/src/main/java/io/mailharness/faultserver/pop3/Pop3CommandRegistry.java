package io.mailharness.faultserver.pop3;

import io.mailharness.faultserver.Faults;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Verb to command and the states it is valid in; command faults replace commands, not states. */
public final class Pop3CommandRegistry {

    /** A command and the session states it may run in (RFC 1939 §3: others get -ERR). */
    record Registration(Pop3Command command, Set<Pop3Phase> phases) {
    }

    private static final Set<Pop3Phase> AUTHORIZATION = EnumSet.of(Pop3Phase.AUTHORIZATION);
    private static final Set<Pop3Phase> TRANSACTION = EnumSet.of(Pop3Phase.TRANSACTION);
    private static final Set<Pop3Phase> BOTH = EnumSet.of(Pop3Phase.AUTHORIZATION, Pop3Phase.TRANSACTION);

    private final Map<String, Registration> commands;

    private Pop3CommandRegistry(Map<String, Registration> commands) {
        this.commands = Map.copyOf(commands);
    }

    public static Pop3CommandRegistry create(Faults faults) {
        Map<String, Registration> commands = new HashMap<>();
        commands.put("USER", new Registration(new UserCommand(), AUTHORIZATION));
        commands.put("PASS", new Registration(new PassCommand(true, true), AUTHORIZATION));
        commands.put("APOP", new Registration(new ApopCommand(), AUTHORIZATION));
        commands.put("AUTH", new Registration(new AuthCommand(), AUTHORIZATION));
        commands.put("STLS", new Registration(new StlsCommand(true), AUTHORIZATION));
        commands.put("CAPA", new Registration(new CapaCommand(), BOTH));
        commands.put("UTF8", new Registration(new Utf8Command(), BOTH));
        commands.put("QUIT", new Registration(new QuitCommand(), BOTH));
        commands.put("STAT", new Registration(new StatCommand(), TRANSACTION));
        commands.put("LIST", new Registration(new ListCommand(0), TRANSACTION));
        commands.put("UIDL", new Registration(new UidlCommand(UidlCommand.STORE_UIDS), TRANSACTION));
        commands.put("RETR", new Registration(new RetrCommand(true), TRANSACTION));
        commands.put("TOP", new Registration(new TopCommand(), TRANSACTION));
        commands.put("DELE", new Registration(new DeleCommand(false), TRANSACTION));
        commands.put("RSET", new Registration(new RsetCommand(), TRANSACTION));
        commands.put("NOOP", new Registration(new NoopCommand(), TRANSACTION));
        for (Pop3CommandFault fault : faults.all(Pop3CommandFault.class)) {
            Registration original = commands.get(fault.verb());
            Set<Pop3Phase> phases = original == null ? BOTH : original.phases();
            commands.put(fault.verb(),
                    new Registration(fault.replace(original == null ? null : original.command()), phases));
        }
        return new Pop3CommandRegistry(commands);
    }

    /** The registration for an upper-case verb, or null when the verb is unknown. */
    Registration get(String verb) {
        return commands.get(verb);
    }
}
