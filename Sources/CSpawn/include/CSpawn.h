#ifndef VERITY_CSPAWN_H
#define VERITY_CSPAWN_H
// The two GNU calls Verity needs to start programs that inherit nothing but what they are given; Swift's
// Glibc module is imported without _GNU_SOURCE, so it does not declare them.
#include <spawn.h>

/// Adds an action closing every descriptor from `from` up (glibc 2.34's posix_spawn_file_actions_addclosefrom_np).
int verity_spawn_close_from(posix_spawn_file_actions_t *actions, int from);

/// pipe2(fds, O_CLOEXEC): a pipe whose ends no started program inherits.
int verity_pipe_cloexec(int fds[2]);

#endif
