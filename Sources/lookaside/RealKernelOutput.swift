import CKernelHelper
import Glibc
import Interactive
import RealKernel
import Scenario
import Terminal
import Views

/// `lookaside run SCENARIO --real-kernel --headless`: the scenario run by the engine and by real
/// processes on this machine's Linux, step by step, as text or JSON (docs/real-kernel.md).
enum RealKernelOutput {
    /// The helper and janitor processes are this program again: handled before any argument parsing.
    static func runHelperIfAsked() {
        let arguments = CommandLine.arguments
        if arguments.count == 2, arguments[1] == "--kernel-helper" { lookaside_kernel_helper(0, 1) }
        if arguments.count == 3, arguments[1] == "--kernel-janitor" { lookaside_kernel_janitor(0, arguments[2]) }
    }

    static func release() -> String {
        var names = utsname()
        uname(&names)
        return withUnsafeBytes(of: &names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// The interface with the kernel beside the model: the kernel runs on, between frames, to the
    /// step the session shows; stepping back shows what it recorded.
    static func interactive(_ scenario: Scenario, seed: UInt64?, quiz: Bool, display: DisplayOptions) throws(CommandFailure) {
        let run: RealKernelRun
        do { run = try RealKernelRun(scenario: scenario, seed: seed) } catch { throw .unavailable(error.description) }
        defer { run.finish() }
        var session = Session(scenario: scenario, seed: seed, stepBudget: Session.interactiveStepBudget)
        if quiz { _ = session.apply(.toggleQuiz) }
        let screen = try display.startScreen()
        let model = KernelSession(session: session, release: release(), privileged: run.privileged)
        var loop = InteractiveLoop(
            model: model, terminal: screen,
            onIdle: { model, _ in
                var changed = false
                while model.problem == nil, run.machine.stepCount < model.session.step {
                    do {
                        guard let step = try run.step() else { break }
                        model.recorded(step)
                        changed = true
                    } catch {
                        model.problem = "\(error)"
                        changed = true
                    }
                }
                return changed
            })
        loop.run()
        screen.stop()
    }

    static func run(_ scenario: Scenario, seed: UInt64?, limit: Int?, format: ReportFormat) throws(CommandFailure) {
        // Ctrl-C, SIGTERM and SIGHUP end the run at once, whatever mask this process was started
        // with: the helpers then see their channels end and exit, and the janitor removes the
        // scratch directory.
        var endings = sigset_t()
        sigemptyset(&endings)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            sigaddset(&endings, signal)
            Glibc.signal(signal, SIG_DFL)
        }
        sigprocmask(SIG_UNBLOCK, &endings, nil)
        let run: RealKernelRun
        do { run = try RealKernelRun(scenario: scenario, seed: seed) } catch { throw .unavailable(error.description) }
        defer { run.finish() }
        let privileged = run.privileged
        var output = BufferedOutput()
        var document = KernelReport.Document(scenario: scenario.path, kernelRelease: release(), privileged: privileged)
        var steps = 0, differing = 0
        do {
            switch format {
            case .text:
                try output.write(
                    KernelReport.textHeader(scenario, release: release(), privileged: privileged, tlbCounters: run.hasTLBCounters))
            case .markdown:
                try output.write(
                    KernelReport.markdownHeader(scenario, release: release(), privileged: privileged, tlbCounters: run.hasTLBCounters))
            case .json: break
            }
            while limit.map({ steps < $0 }) ?? true, let step = try run.step() {
                steps += 1
                if !step.differences.isEmpty { differing += 1 }
                switch format {
                case .json: document.steps.append(KernelReport.StepDocument(step))
                case .text: try output.write(KernelReport.text(step))
                case .markdown: try output.write(KernelReport.markdown(step))
                }
            }
            let linux = run.fileContents()
            if format == .json {
                document.files = run.machine.files.indices.map { id in
                    KernelReport.FileDocument(run.machine, file: id, linux: Array(linux[id].prefix(run.machine.files[id].pages.count)))
                }
                try output.write(KernelReport.json(document))
            } else if format == .markdown {
                try output.write(KernelReport.markdownEnd(model: run.machine, linux: linux, steps: steps, differing: differing))
            } else {
                try output.write(KernelReport.textEnd(model: run.machine, linux: linux, steps: steps, differing: differing))
            }
            try output.flush()
        } catch let failure as RealKernelError {
            throw .unavailable(failure.description)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw .output("lookaside: \(error)")
        }
    }
}
