# Builds each Lambda function for `sam build` (template.yaml: CodeUri ".", Metadata BuildMethod makefile).
# SAM runs `make build-<LogicalId>` with ARTIFACTS_DIR set to the folder it zips and deploys; each target
# runs the Maven reactor for that function's module (and the modules it depends on) and unpacks the
# function's shaded jar there: the handler's classes and their dependencies, nothing else.
#
#   make build-RequestFunction ARTIFACTS_DIR=/tmp/request               # as sam build does
#   make build-RequestFunction ARTIFACTS_DIR=/tmp/request PREBUILT=1    # reuse the jar mvn package made
#   make sam-jars                                                       # all functions, from the jars, for sam deploy

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
MVN ?= mvn
# Non-empty: take the jar already in <module>/target instead of running Maven again.
PREBUILT ?=
SAM_BUILD_DIR ?= $(ROOT)/.aws-sam/build

FUNCTIONS := RequestFunction GenerateFunction StripeWebhookFunction PublishFunction ReconcileFunction
module_RequestFunction := functions/request
module_GenerateFunction := functions/generate
module_StripeWebhookFunction := functions/stripe-webhook
module_PublishFunction := functions/publish
# The reconciler ships in the generate function's jar.
module_ReconcileFunction := functions/generate
jar_RequestFunction := request-function.jar
jar_GenerateFunction := generate-function.jar
jar_StripeWebhookFunction := stripe-webhook-function.jar
jar_PublishFunction := publish-function.jar
jar_ReconcileFunction := generate-function.jar

.PHONY: $(addprefix build-,$(FUNCTIONS)) sam-jars

# $(1): logical id. Builds the module (tests are run by `mvn verify`, not by every deploy) and unpacks its jar.
define build_function
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 2; }
	$(if $(PREBUILT),@test -f "$(ROOT)/$(module_$(1))/target/$(jar_$(1))" || { echo "$(module_$(1))/target/$(jar_$(1)) is missing: run mvn -B -DskipTests package first (or leave PREBUILT unset)" >&2; exit 2; },cd "$(ROOT)" && $(MVN) -B -q -DskipTests -pl $(module_$(1)) -am package)
	mkdir -p "$(ARTIFACTS_DIR)"
	cd "$(ARTIFACTS_DIR)" && jar xf "$(ROOT)/$(module_$(1))/target/$(jar_$(1))"
endef

build-RequestFunction:
	$(call build_function,RequestFunction)

build-GenerateFunction:
	$(call build_function,GenerateFunction)

build-StripeWebhookFunction:
	$(call build_function,StripeWebhookFunction)

build-PublishFunction:
	$(call build_function,PublishFunction)

build-ReconcileFunction:
	$(call build_function,ReconcileFunction)

# The layout `sam build` leaves in .aws-sam/build, made from the jars `mvn package` built, so that
# `sam deploy` (which prefers .aws-sam/build/template.yaml) deploys them without a second Maven run.
sam-jars:
	rm -rf "$(SAM_BUILD_DIR)"
	$(foreach f,$(FUNCTIONS),$(MAKE) --no-print-directory -f "$(ROOT)/Makefile" build-$(f) PREBUILT=1 ARTIFACTS_DIR="$(SAM_BUILD_DIR)/$(f)" &&) true
	awk '/^  [A-Za-z0-9]+:$$/ { id = substr($$1, 1, length($$1) - 1) } \
	     /^      CodeUri: \.$$/ { sub(/CodeUri: \./, "CodeUri: " id) } { print }' \
	    "$(ROOT)/template.yaml" > "$(SAM_BUILD_DIR)/template.yaml"
