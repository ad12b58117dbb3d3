/// A story the simulated Okta tells, from connecting the app to the stage the name promises.
/// Every scenario starts by connecting (Test API Credentials, schema discovery, imports) and
/// onboarding the company, so it runs on its own against an empty or a used server.
public enum Scenario: String, Sendable, Hashable, CaseIterable {
    /// Connect, assign everyone (phone and seat refusals happen here), push the departments,
    /// fix the refused phones, scheduled import.
    case onboarding
    /// Onboarding, then a reorganisation: a rename, people moving departments, a new team, Push
    /// Now, a phone typo and its fix, a name change, a dissolved team (Push Now `[]`, delete).
    case reorg
    /// Onboarding, then leavers are deactivated and removed from their teams, which frees seats
    /// for the assignments the seat limit refused; a rehire; a dissolved team.
    case offboarding
    /// All of the above, then an endless, seeded mix of everyday changes until the run's duration.
    case mixed

    /// One line for `--help` and the summary.
    public var summary: String {
        switch self {
        case .onboarding: "connect, assign everyone, push department groups, fix refused phones"
        case .reorg: "onboarding, then renames, moves, a new team, Push Now, a dissolved team"
        case .offboarding: "onboarding, then leavers, freed seats for refused assignments, a rehire"
        case .mixed: "every story above, then random everyday changes until the duration ends"
        }
    }

    var stages: [Stage] {
        switch self {
        case .onboarding:
            [.connect, .assignAll, .pushDepartments, .fixPhones, .scheduledImport]
        case .reorg:
            [
                .connect, .assignAll, .pushDepartments, .fixPhones, .rename, .moves, .newTeam, .pushNow, .phoneTypo,
                .nameChange, .dissolve, .scheduledImport,
            ]
        case .offboarding:
            [.connect, .assignAll, .pushDepartments, .leavers, .retryFailed, .rehire, .dissolve, .scheduledImport]
        case .mixed:
            [
                .connect, .assignAll, .pushDepartments, .fixPhones, .leavers, .retryFailed, .rename, .moves, .newTeam,
                .phoneTypo, .rehire, .pushNow, .nameChange, .dissolve, .scheduledImport, .random,
            ]
        }
    }

    /// How many of `people` are assigned at onboarding (the first ones); `mixed` keeps the last 15% back
    /// as later new hires.
    func onboardedCount(of people: Int) -> Int {
        self == .mixed ? (people * 85 + 99) / 100 : people
    }

    /// A seat limit this scenario's onboarding runs into: a few seats short of the people it assigns
    /// whose create can succeed under `phonePolicy`, so a demo shows the refusal and, after leavers,
    /// the retry that succeeds.
    public func demoSeatLimit(for people: [Person], phonePolicy: PhonePolicyExpectation) -> Int {
        let creatable = people.prefix(onboardedCount(of: people.count)).filter {
            phonePolicy == .flag || $0.phoneFormat != .raw
        }.count
        return max(1, creatable - max(2, creatable / 10))
    }
}

/// One chapter of a story; expanded into actions when it starts, from the state at that moment.
enum Stage: Sendable, Hashable {
    case connect, assignAll, pushDepartments, fixPhones, leavers, retryFailed, rehire, rename, moves, newTeam
    case pushNow, phoneTypo, nameChange, dissolve, scheduledImport, random
}
