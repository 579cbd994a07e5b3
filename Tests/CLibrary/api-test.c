/* The installed libhstsq from C: both APIs, on the installed list and a sample list with pins-only entries, bad
 * input, and one handle shared by threads. Run under valgrind or AddressSanitizer by scripts/test-c-library.sh.
 *
 * usage: api-test SAMPLE.hstsq SCRATCH_DIRECTORY
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hstsq.h>
#include <libhsts.h>

static int failures, checks;

#define CHECK(condition, ...)                                                                                        \
    do {                                                                                                             \
        checks++;                                                                                                    \
        if (!(condition)) {                                                                                          \
            failures++;                                                                                              \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #condition);                                              \
            printf(__VA_ARGS__);                                                                                     \
            printf("\n");                                                                                            \
        }                                                                                                            \
    } while (0)

static hstsq_decision lookup(const hstsq_list *list, const char *host, int rule) {
    hstsq_decision decision;
    memset(&decision, 0x5a, sizeof decision);
    hstsq_lookup(list, host, strlen(host), rule, &decision);
    return decision;
}

static void expect_answer(const hstsq_list *list, const char *host, int rule, int upgrade, int match,
                          const char *entry) {
    hstsq_decision d = lookup(list, host, rule);
    char name[254];
    CHECK(d.status == HSTSQ_OK, "%s: status %d", host, d.status);
    CHECK(d.upgrade == upgrade && d.match == match, "%s: upgrade %d match %d", host, d.upgrade, d.match);
    CHECK(hstsq_entry_name(host, strlen(host), &d, name, sizeof name) == HSTSQ_OK && !strcmp(name, entry),
          "%s: entry '%s', expected '%s'", host, name, entry);
}

static void test_native(const hstsq_list *list) {
    expect_answer(list, "fan.gov", HSTSQ_RULE_CHROMIUM, 1, HSTSQ_MATCH_EXACT, "fan.gov");
    expect_answer(list, "Sub.Fan.GOV.", HSTSQ_RULE_CHROMIUM, 1, HSTSQ_MATCH_ANCESTOR, "fan.gov");
    expect_answer(list, "at.search.yahoo.com", HSTSQ_RULE_CHROMIUM, 1, HSTSQ_MATCH_EXACT, "at.search.yahoo.com");
    expect_answer(list, "x.at.search.yahoo.com", HSTSQ_RULE_CHROMIUM, 0, HSTSQ_MATCH_ANCESTOR,
                  "at.search.yahoo.com");
    expect_answer(list, "adfhoweirh.com", HSTSQ_RULE_CHROMIUM, 0, HSTSQ_MATCH_NONE, "");
    expect_answer(list, "1.2.3.4", HSTSQ_RULE_CHROMIUM, 0, HSTSQ_MATCH_NONE, "");
    /* IPv4 addresses are looked up like names, in every form a URL parser accepts; the list has 1.0.0.1. */
    expect_answer(list, "1.0.0.1", HSTSQ_RULE_CHROMIUM, 1, HSTSQ_MATCH_EXACT, "1.0.0.1");
    expect_answer(list, "1.1", HSTSQ_RULE_CHROMIUM, 1, HSTSQ_MATCH_EXACT, "1.0.0.1");
    expect_answer(list, "0x1.0.0.1", HSTSQ_RULE_CHROMIUM, 1, HSTSQ_MATCH_EXACT, "1.0.0.1");
    expect_answer(list, "figma%2Ecom", HSTSQ_RULE_CHROMIUM, 1, HSTSQ_MATCH_EXACT, "figma.com");
    hstsq_decision d = lookup(list, "fan.gov", HSTSQ_RULE_CHROMIUM);
    CHECK(d.mode == HSTSQ_MODE_FORCE_HTTPS && (d.flags & HSTSQ_FLAG_INCLUDE_SUBDOMAINS) && d.pinset == -1,
          "fan.gov: mode %d flags %u pinset %d", d.mode, d.flags, d.pinset);

    const char *hosts[] = {"fan.gov", "x.fan.gov", "", "a..b", NULL, "EXAMPLE.COM."};
    hstsq_decision batch[6];
    CHECK(hstsq_lookup_batch(list, hosts, NULL, 6, HSTSQ_RULE_CHROMIUM, batch) == HSTSQ_OK, "batch");
    CHECK(batch[0].upgrade == 1 && batch[1].upgrade == 1 && batch[1].match == HSTSQ_MATCH_ANCESTOR, "batch answers");
    CHECK(batch[2].status == HSTSQ_ERR_INVALID_HOST && batch[3].status == HSTSQ_ERR_INVALID_HOST, "batch invalid");
    CHECK(batch[4].status == HSTSQ_ERR_INVALID_ARGUMENT, "batch NULL host: %d", batch[4].status);

    char normalized[300];
    size_t length = 0;
    CHECK(hstsq_normalize("WWW.Bücher.DE.", strlen("WWW.Bücher.DE."), normalized, sizeof normalized, &length)
              == HSTSQ_OK && !strcmp(normalized, "www.xn--bcher-kva.de") && length == 20,
          "normalize: %s", normalized);
    CHECK(hstsq_normalize("example.com", 11, normalized, 5, &length) == HSTSQ_ERR_BUFFER_TOO_SMALL, "small buffer");

    hstsq_info info;
    CHECK(hstsq_list_info(list, &info) == HSTSQ_OK, "info");
    CHECK(!strcmp(info.label, "preload-2026-06-01") && strlen(info.source_sha256) == 64 && strlen(info.date) == 10
              && info.entry_count > 90000,
          "info: %s %s %s %llu", info.label, info.date, info.source_sha256, (unsigned long long)info.entry_count);
}

static void test_bad_input(const hstsq_list *list, const char *scratch) {
    hstsq_decision d;
    hstsq_list *opened = (hstsq_list *)&d;
    char message[512];
    CHECK(hstsq_lookup(NULL, "a.com", 5, 0, &d) == HSTSQ_ERR_INVALID_ARGUMENT, "NULL list");
    CHECK(hstsq_lookup(list, NULL, 5, 0, &d) == HSTSQ_ERR_INVALID_ARGUMENT, "NULL host");
    CHECK(hstsq_lookup(list, "a.com", 5, 0, NULL) == HSTSQ_ERR_INVALID_ARGUMENT, "NULL decision");
    CHECK(hstsq_lookup(list, "a.com", 5, 9, &d) == HSTSQ_ERR_INVALID_ARGUMENT, "bad rule");
    CHECK(hstsq_list_info(NULL, NULL) == HSTSQ_ERR_INVALID_ARGUMENT, "NULL info");
    CHECK(hstsq_open(NULL, 0, &opened, NULL, 0) == HSTSQ_ERR_INVALID_ARGUMENT && opened == NULL, "NULL path");
    CHECK(hstsq_open_memory(NULL, 10, 0, &opened, NULL, 0) == HSTSQ_ERR_INVALID_ARGUMENT, "NULL bytes");

    size_t huge_length = 1u << 20;
    char *huge = malloc(huge_length);
    memset(huge, 'a', huge_length);
    CHECK(hstsq_lookup(list, huge, huge_length, 0, &d) == HSTSQ_ERR_INVALID_HOST, "1 MB host");
    huge[huge_length - 1] = 0;
    CHECK(hsts_search((const hsts_t *)NULL, huge, 0, NULL) == HSTS_ERR_INVALID_ARG, "libhsts NULL list");
    free(huge);
    const char invalid_utf8[] = {'a', (char)0xff, (char)0xfe, '.', 'c', 'o', 'm'};
    CHECK(hstsq_lookup(list, invalid_utf8, sizeof invalid_utf8, 0, &d) == HSTSQ_ERR_INVALID_HOST, "invalid UTF-8");
    const char embedded_nul[] = {'f', 'a', 'n', 0, 'g', 'o', 'v'};
    CHECK(hstsq_lookup(list, embedded_nul, sizeof embedded_nul, 0, &d) == HSTSQ_ERR_INVALID_HOST, "NUL in host");

    CHECK(hstsq_open(scratch, 0, &opened, message, sizeof message) == HSTSQ_ERR_IO && opened == NULL,
          "directory: %s", message);
    CHECK(strstr(message, scratch) != NULL, "the message names the directory: %s", message);
    CHECK(hstsq_open("/nonexistent/list.hstsq", 0, &opened, message, 8) == HSTSQ_ERR_IO && strlen(message) == 7,
          "missing file, message cut to its buffer: %s", message);

    /* A truncated copy of the installed list. */
    char truncated[4096];
    snprintf(truncated, sizeof truncated, "%s/truncated.hstsq", scratch);
    FILE *in = fopen(hstsq_bundled_path(), "rb"), *out = fopen(truncated, "wb");
    CHECK(in && out, "copy %s", hstsq_bundled_path());
    if (in && out) {
        char buffer[65536];
        size_t n = fread(buffer, 1, sizeof buffer, in);
        fwrite(buffer, 1, n / 2, out);
    }
    if (in) fclose(in);
    if (out) fclose(out);
    hstsq_status status = hstsq_open(truncated, 0, &opened, message, sizeof message);
    CHECK((status == HSTSQ_ERR_TRUNCATED || status == HSTSQ_ERR_CORRUPT) && opened == NULL, "truncated: %d %s",
          status, message);
    hsts_t *hsts = (hsts_t *)&d;
    CHECK(hsts_load_file(truncated, &hsts) == HSTS_ERR_INPUT_TOO_SHORT, "libhsts truncated");
    FILE *fp = fopen(truncated, "rb");
    CHECK(fp && hsts_load_fp(fp, &hsts) == HSTS_ERR_INPUT_TOO_SHORT, "libhsts truncated FILE");
    if (fp) fclose(fp);
    CHECK(hsts_load_file(scratch, &hsts) == HSTS_ERR_INPUT_FAILURE, "libhsts directory");
    CHECK(hsts_load_file("/etc/hostname", NULL) == HSTS_ERR_INPUT_FORMAT
              || hsts_load_file("/etc/hostname", NULL) == HSTS_ERR_INPUT_TOO_SHORT,
          "libhsts not a list");
    remove(truncated);
    hstsq_close(NULL);
    hsts_free(NULL);
    hsts_free_entry(NULL);
    CHECK(strcmp(hstsq_strerror(HSTSQ_ERR_IO), "the file cannot be opened, read or mapped") == 0, "strerror");
    CHECK(strcmp(hstsq_strerror(12345), "unknown status") == 0, "strerror unknown");
    CHECK(strcmp(hsts_strerror(HSTS_ERR_NOT_FOUND), "Domain not found") == 0, "hsts_strerror");
}

/* libhsts's API beyond its own test: normalization and pins-only entries, where hstsq answers as Chromium does. */
static void test_libhsts(const char *sample_path) {
    hsts_t *hsts = NULL;
    hsts_entry_t *entry = NULL;
    CHECK(hsts_load_file(hsts_dist_filename(), &hsts) == HSTS_SUCCESS, "hsts_load_file(%s)", hsts_dist_filename());
    CHECK(hsts_search(hsts, "FAN.gov.", 0, &entry) == HSTS_SUCCESS && hsts_has_include_subdomains(entry) == 1,
          "FAN.gov. is normalized");
    hsts_free_entry(entry);
    CHECK(hsts_search(hsts, ".fan.gov", 0, NULL) == HSTS_SUCCESS, "one leading dot is dropped, as libhsts does");
    hsts_free(hsts);

    FILE *fp = fopen(sample_path, "rb");
    hsts = NULL;
    CHECK(fp && hsts_load_fp(fp, &hsts) == HSTS_SUCCESS, "hsts_load_fp(%s)", sample_path);
    if (fp) fclose(fp);
    /* google.com is pins-only (no "mode"): libhsts counts it as preloaded, Chromium does not upgrade it. */
    CHECK(hsts_search(hsts, "google.com", 0, NULL) == HSTS_ERR_NOT_FOUND, "pins-only google.com is not preloaded");
    CHECK(hsts_search(hsts, "mail.google.com", 0, &entry) == HSTS_SUCCESS, "mail.google.com is preloaded");
    hsts_free_entry(entry);
    hsts_free(hsts);
    CHECK(hsts_check_version_number(0) == HSTS_VERSION_NUMBER && hsts_check_version_number(0x000001) == 0,
          "version number");
    CHECK(!strcmp(hsts_get_version(), "0.1.0"), "version");
}

struct worker {
    const hstsq_list *list;
    int mismatches;
};

static void *work(void *argument) {
    struct worker *worker = argument;
    static const char *hosts[] = {"fan.gov", "x.fan.gov", "at.search.yahoo.com", "x.at.search.yahoo.com", "zz"};
    static const int upgrades[] = {1, 1, 1, 0, 0};
    for (int round = 0; round < 20000; round++) {
        hstsq_decision d = lookup(worker->list, hosts[round % 5], HSTSQ_RULE_CHROMIUM);
        if (d.upgrade != upgrades[round % 5]) worker->mismatches++;
    }
    return NULL;
}

static void test_threads(const hstsq_list *list) {
    struct worker workers[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        workers[i] = (struct worker){list, 0};
        pthread_create(&threads[i], NULL, work, &workers[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        CHECK(workers[i].mismatches == 0, "thread %d: %d mismatches", i, workers[i].mismatches);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: api-test SAMPLE.hstsq SCRATCH_DIRECTORY\n");
        return 2;
    }
    for (int index = HSTSQ_INDEX_COMPILED_FILE; index <= HSTSQ_INDEX_HASH_TABLE; index++) {
        hstsq_list *list = NULL;
        char message[512];
        if (hstsq_open_bundled(index, &list, message, sizeof message) != HSTSQ_OK) {
            printf("FAIL: cannot open the installed list: %s\n", message);
            return 1;
        }
        test_native(list);
        test_threads(list);
        if (index == HSTSQ_INDEX_COMPILED_FILE) test_bad_input(list, argv[2]);
        hstsq_close(list);
    }
    test_libhsts(argv[1]);
    printf("%d of %d checks failed\n", failures, checks);
    return failures ? 1 : 0;
}
