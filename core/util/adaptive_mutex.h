// A mutex that spins briefly before it sleeps (glibc's adaptive mutex), for
// locks held a few hundred nanoseconds by threads that often want them at
// once: the device tracker's shards, which two sources' threads lock several
// times per frame. A std::mutex sleeps in the kernel at the first contention,
// and on a busy machine the sleeper then waits for a time slice: two sources
// ran no faster than one. Satisfies Lockable (std::lock_guard works).
#ifndef AIRSIGHT_CORE_UTIL_ADAPTIVE_MUTEX_H
#define AIRSIGHT_CORE_UTIL_ADAPTIVE_MUTEX_H

#include <pthread.h>

#include <system_error>

namespace airsight::core {

class AdaptiveMutex {
public:
    AdaptiveMutex()
    {
        pthread_mutexattr_t attr;
        pthread_mutexattr_init(&attr);
        pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP);
        const int rc = pthread_mutex_init(&mutex_, &attr);
        pthread_mutexattr_destroy(&attr);
        if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_mutex_init");
    }
    AdaptiveMutex(const AdaptiveMutex&) = delete;
    AdaptiveMutex& operator=(const AdaptiveMutex&) = delete;
    ~AdaptiveMutex() { pthread_mutex_destroy(&mutex_); }

    void lock()
    {
        const int rc = pthread_mutex_lock(&mutex_);
        if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_mutex_lock");
    }
    bool try_lock() { return pthread_mutex_trylock(&mutex_) == 0; }
    void unlock() { pthread_mutex_unlock(&mutex_); }

private:
    pthread_mutex_t mutex_;
};

} // namespace airsight::core

#endif
