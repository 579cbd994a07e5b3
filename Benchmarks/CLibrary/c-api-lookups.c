/* Lookups through libhstsq's C API, in process: every host of a file, one hstsq_lookup call each (Chromium's rule),
 * timed as one loop, for scripts/bench-c-library.sh to set beside the Swift API and the C baseline on the same
 * hosts. callgrind counts it with --toggle-collect=hstsq_lookup.
 *
 * usage: c-api-lookups (hash-table | blocks) HOSTS_FILE
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hstsq.h>

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "hash-table") && strcmp(argv[1], "blocks"))) {
        fprintf(stderr, "usage: c-api-lookups (hash-table | blocks) HOSTS_FILE\n");
        return 3;
    }
    FILE *file = fopen(argv[2], "r");
    if (!file) {
        perror(argv[2]);
        return 1;
    }
    size_t count = 0, capacity = 1 << 20;
    char **hosts = malloc(capacity * sizeof *hosts);
    size_t *lengths = malloc(capacity * sizeof *lengths);
    char *line = NULL;
    size_t line_capacity = 0;
    ssize_t length;
    while ((length = getline(&line, &line_capacity, file)) > 0) {
        if (line[length - 1] == '\n') line[--length] = 0;
        if (count == capacity) {
            capacity *= 2;
            hosts = realloc(hosts, capacity * sizeof *hosts);
            lengths = realloc(lengths, capacity * sizeof *lengths);
        }
        hosts[count] = strdup(line);
        lengths[count++] = (size_t)length;
    }
    free(line);
    fclose(file);

    hstsq_list *list = NULL;
    char message[512];
    int index = strcmp(argv[1], "hash-table") ? HSTSQ_INDEX_COMPILED_FILE : HSTSQ_INDEX_HASH_TABLE;
    if (hstsq_open_bundled(index, &list, message, sizeof message) != HSTSQ_OK) {
        fprintf(stderr, "c-api-lookups: %s\n", message);
        return 1;
    }
    struct timespec start, end;
    size_t upgrades = 0;
    hstsq_decision decision;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (size_t i = 0; i < count; i++) {
        hstsq_lookup(list, hosts[i], lengths[i], HSTSQ_RULE_CHROMIUM, &decision);
        upgrades += (size_t)decision.upgrade;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double nanoseconds = (double)(end.tv_sec - start.tv_sec) * 1e9 + (double)(end.tv_nsec - start.tv_nsec);
    printf("%s: %zu queries, %zu upgrades, %.0f ns per lookup\n", argv[1], count, upgrades, nanoseconds / count);
    hstsq_close(list);
    for (size_t i = 0; i < count; i++) free(hosts[i]);
    free(hosts);
    free(lengths);
    return 0;
}
