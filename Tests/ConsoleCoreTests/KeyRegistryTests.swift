import ConsoleCore
import Testing

struct KeyRegistryTests {
    let registry = KeyRegistry.standard

    @Test func everyBindingHasKeysAndHelpText() {
        for binding in registry.bindings {
            #expect(!binding.keys.isEmpty, "\(binding.action)")
            #expect(!binding.help.isEmpty, "\(binding.action) in \(binding.context) has no help text")
            #expect(!binding.keys.contains(.resize), "resize is an event, not a binding")
        }
    }

    @Test func everyActionIsBoundSomewhere() {
        let bound = Set(registry.bindings.map(\.action))
        #expect(Set(ConsoleAction.allCases).subtracting(bound).isEmpty)
    }

    @Test(arguments: KeyContext.allCases)
    func noKeyIsBoundTwiceAlongAContextsChain(context: KeyContext) {
        var seen: [Key: KeyBinding] = [:]
        for binding in registry.bindings(for: context) {
            for key in binding.keys {
                if let earlier = seen[key] {
                    Issue.record("\(key) in \(context): \(earlier.action) (\(earlier.context)) and \(binding.action)")
                }
                seen[key] = binding
            }
        }
    }

    @Test(arguments: KeyContext.allCases)
    func hintsFitAndResolveToTheirBinding(context: KeyContext) {
        for glyphs in [Glyphs.unicode, .ascii] {
            for (readOnly, simulator) in [(false, false), (true, false), (false, true)] {
                let items = registry.hints(for: context, glyphs: glyphs, readOnly: readOnly, simulator: simulator)
                let line = registry.hintLine(for: context, glyphs: glyphs, readOnly: readOnly, simulator: simulator)
                #expect(items.count <= KeyRegistry.maxHintItems)
                #expect(line.displayWidth <= 80, "\(context): \(line)")
                for item in items {
                    #expect(item.text.displayWidth <= KeyRegistry.maxHintItemWidth, "\(item.text)")
                    let keys = registry.keys(for: item.action, in: context)
                    #expect(keys.first.map { registry.action(for: $0, in: context) } == item.action, "\(item.text)")
                    #expect(!(readOnly && item.action.isMutation))
                    #expect(simulator || !item.action.needsSimulator)
                }
            }
        }
    }

    @Test(arguments: KeyContext.allCases.filter {
        ![.navigation, .prompt, .confirm, .help, .messages, .choice, .secret].contains($0)
    })
    func everyScreenHintsHowToGetHelpAndHowToLeave(context: KeyContext) {
        let actions = registry.hints(for: context, glyphs: .unicode).map(\.action)
        #expect(actions.contains(.help) && actions.contains(.backOrQuit), "\(context)")
        let narrow = registry.hints(for: context, glyphs: .unicode, width: 20).map(\.action)
        #expect(narrow.contains(.help) && narrow.contains(.backOrQuit), "\(context) at 20 columns")
    }

    @Test func modalContextsHintHowToFinish() {
        #expect(registry.hintLine(for: .prompt, glyphs: .unicode)
                == "⏎ apply  Esc cancel  Tab complete  Ctrl-u clear")
        #expect(registry.hintLine(for: .confirm, glyphs: .ascii) == "y yes  n no")
        #expect(registry.hintLine(for: .help, glyphs: .unicode) == "Esc close")
        #expect(registry.hintLine(for: .messages, glyphs: .unicode) == "Esc close  y copy all")
        #expect(registry.hintLine(for: .choice, glyphs: .unicode) == "⏎ choose  Esc cancel")
        #expect(registry.hintLine(for: .secret, glyphs: .unicode) == "y copy  ⏎ done")
    }

    @Test func lookupDependsOnTheContext() {
        #expect(registry.action(for: .character("j"), in: .members) == .moveDown)
        #expect(registry.action(for: .down, in: .requestDetail) == .moveDown)
        #expect(registry.action(for: .character("n"), in: .keys) == .newKey)
        #expect(registry.action(for: .character("n"), in: .members) == .newMember)
        #expect(registry.action(for: .character("n"), in: .requestDetail) == .nextItem)
        #expect(registry.action(for: .character("e"), in: .requests) == .toggleErrorsOnly)
        #expect(registry.action(for: .right, in: .teams) == .open)
        #expect(registry.action(for: .right, in: .requestDetail) == .nextTab)
        #expect(registry.action(for: .tab, in: .memberDetail) == .nextTab)
        #expect(registry.action(for: .character("f"), in: .requestDetail) == .showAll)
        #expect(registry.action(for: .character("o"), in: .teams) == .switchOrganization)
        #expect(registry.action(for: .character("/"), in: .keys) == nil, "the keys list has no filter")
        #expect(registry.action(for: .character("3"), in: .keys) == .showRequests)
        #expect(registry.action(for: .ctrl("d"), in: .members) == .halfPageDown)
        #expect(registry.action(for: .character("p"), in: .members) == nil)
    }

    @Test func escapeGoesBackAndNeverQuits() {
        for context in KeyContext.allCases {
            let action = registry.action(for: .escape, in: context)
            #expect(action != .quit && action != .backOrQuit, "\(context)")
        }
        #expect(registry.action(for: .escape, in: .members) == .back)
        #expect(registry.action(for: .character("q"), in: .members) == .backOrQuit)
        #expect(registry.action(for: .ctrl("c"), in: .keys) == .quit)
    }

    @Test func lettersAreTextInAPrompt() {
        for letter in "qjkDnry/?:1" {
            #expect(registry.action(for: .character(letter), in: .prompt) == nil, "\(letter)")
        }
        #expect(registry.action(for: .escape, in: .prompt) == .promptCancel)
        #expect(registry.action(for: .ctrl("u"), in: .prompt) == .promptDeleteToStart)
        #expect(Key.character("x").isText && !Key.enter.isText)
    }

    @Test func enterAloneNeverConfirms() {
        #expect(registry.action(for: .enter, in: .confirm) == .confirmDecline)
        #expect(registry.action(for: .character("y"), in: .confirm) == .confirmAccept)
        #expect(registry.action(for: .character("q"), in: .confirm) == nil)
    }

    @Test func readOnlyHidesMutations() {
        let hints = registry.hintLine(for: .keys, glyphs: .unicode, readOnly: true)
        #expect(!hints.contains("rotate") && !hints.contains("revoke"))
        let help = registry.helpSections(for: .keys, glyphs: .unicode, readOnly: true)
        #expect(!help.flatMap(\.rows).contains { $0.action.isMutation })
        let full = registry.helpSections(for: .keys, glyphs: .unicode)
        #expect(full.flatMap(\.rows).contains { $0.action == .revokeKey })
    }

    @Test func simulatorKeysAreOfferedOnlyWithASimulator() {
        #expect(registry.action(for: .character("P"), in: .requests) == .toggleSimulator)
        #expect(registry.action(for: .character("+"), in: .memberDetail) == .simulatorFaster)
        #expect(registry.action(for: .character("-"), in: .keys) == .simulatorSlower)
        #expect(registry.action(for: .character("P"), in: .prompt) == nil, "text in a prompt")
        #expect(!registry.hintLine(for: .requests, glyphs: .unicode).contains("demo"))
        #expect(registry.hintLine(for: .requests, glyphs: .unicode, simulator: true).contains("P pause demo"))
        let rows = { (simulator: Bool) in
            registry.helpSections(for: .members, glyphs: .unicode, simulator: simulator).flatMap(\.rows).map(\.action)
        }
        #expect(!rows(false).contains { $0.needsSimulator })
        #expect(rows(true).contains(.toggleSimulator) && rows(true).contains(.simulatorFaster))
    }

    @Test func helpSectionsFollowTheChain() {
        let sections = registry.helpSections(for: .members, glyphs: .unicode)
        #expect(sections.map(\.title) == ["Members", "Lists", "Navigation", "Global"])
        let navigation = sections[2].rows
        #expect(navigation.first == HelpSection.Row(keys: "j ↓", help: "Move down", action: .moveDown))
        let ascii = registry.helpSections(for: .members, glyphs: .ascii)
        #expect(ascii[2].rows.first?.keys == "j Down")
        #expect(ascii[1].rows.first?.keys == "Enter Right")
    }

    @Test func keyLabels() {
        #expect(Key.enter.label(.unicode) == "⏎")
        #expect(Key.enter.label(.ascii) == "Enter")
        #expect(Key.ctrl("l").label(.unicode) == "Ctrl-l")
        #expect(Key.character(" ").label(.unicode) == "Space")
        #expect(Key.function(5).label(.ascii) == "F5")
        #expect(Key.backTab.label(.ascii) == "S-Tab")
    }

    /// Every context's hint line in both glyph sets, read-write and read-only, as one reviewable golden file.
    @Test func hintLinesGolden() {
        var lines: [String] = []
        for context in KeyContext.allCases where context != .navigation {
            for (name, glyphs) in [("unicode", Glyphs.unicode), ("ascii", .ascii)] {
                for readOnly in [false, true] {
                    let mode = "\(context.rawValue) \(name)\(readOnly ? " ro" : "")"
                    let label = DisplayWidth.pad(mode, toWidth: 24)
                    lines.append("\(label)| " + registry.hintLine(for: context, glyphs: glyphs, readOnly: readOnly))
                }
            }
            let label = DisplayWidth.pad("\(context.rawValue) demo", toWidth: 24)
            lines.append("\(label)| " + registry.hintLine(for: context, glyphs: .unicode, simulator: true))
        }
        expectSnapshot(lines.joined(separator: "\n"), named: "hint-lines")
    }
}
