# One self-contained program for machines without Swift: the Swift runtime is linked in, so it
# needs only the system's ncursesw. `make install PREFIX=~/.local` puts the program, its man pages
# and its bash, zsh and fish completions under PREFIX (DESTDIR too, for packagers).
PREFIX ?= /usr/local
BUILD ?= .build/install
BIN := $(BUILD)/release/lookaside
MANUAL := .build/plugins/GenerateManual/outputs/lookaside
# The manual carries a date: the last commit's, so the same sources give the same pages.
DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || echo 2026-11-25)

.PHONY: all lookaside manual install uninstall check-prefix

all: lookaside manual

# Linked at a fixed address (-no-pie): a position-independent program of this size has some 79,000
# pointers to relocate, and the pages they dirty, at every start (1.3 ms of a 6 ms start-up). The
# libraries, heap and stack are still placed at random. The C++ runtime the Swift runtime uses is
# linked in too: binding the system's libstdc++ at every start was 15% of `--version`'s
# instructions. The toolchain's link arguments ask for -lstdc++; the archive, found first on the
# search path, answers (without it the shared library does, as before).
STATIC_CXX := $(BUILD)/static-c++
lookaside:
	mkdir -p $(STATIC_CXX) && ln -sf "$$(clang -print-file-name=libstdc++.a)" $(STATIC_CXX)/libstdc++.a
	swift build -c release --static-swift-stdlib --scratch-path $(BUILD) --product lookaside -Xlinker -no-pie \
		-Xlinker -L$(STATIC_CXX)

manual:
	swift package --allow-writing-to-package-directory generate-manual --multi-page --date $(DATE) \
		--authors "The Lookaside developers" --configuration debug

# PREFIX and DESTDIR reach the shell quoted; one that the shell or make would read as more than a
# path (a quote, $, a backtick, a backslash, a newline) is refused, and so is an empty PREFIX,
# which would otherwise install into /bin.
check-prefix:
	$(if $(strip $(PREFIX)),,$(error PREFIX is empty; give the directory to install under, e.g. PREFIX=/usr/local))
	$(foreach c,' " ` \ $$,$(if $(findstring $(c),$(value PREFIX)$(value DESTDIR)),$(error PREFIX and DESTDIR may not hold quotes, $$, backticks or backslashes: '$(value DESTDIR)$(value PREFIX)')))
	@true

install: check-prefix lookaside manual
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 $(BIN) "$(DESTDIR)$(PREFIX)/bin/lookaside"
	install -m 644 $(MANUAL)/*.1 "$(DESTDIR)$(PREFIX)/share/man/man1/"
	$(BIN) --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/lookaside"
	$(BIN) --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lookaside"
	$(BIN) --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lookaside.fish"

uninstall: check-prefix
	rm -f "$(DESTDIR)$(PREFIX)/bin/lookaside" "$(DESTDIR)$(PREFIX)/share/man/man1/"lookaside*.1 \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions/lookaside" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lookaside" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lookaside.fish"
