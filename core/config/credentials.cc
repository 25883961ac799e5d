#include "config/credentials.h"

#include "config/config_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace airsight::core {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

[[noreturn]] void fail(const std::string& what, const fs::path& path, int err)
{
    throw ConfigError(what + " " + path.string() + ": " + std::strerror(err));
}

/// mkdir -p, with `dir` itself (when created) private to the user.
void make_private_dir(const fs::path& requested)
{
    fs::path dir = requested.lexically_normal();
    if (dir.filename().empty() && dir != dir.root_path())
        dir = dir.parent_path(); // "a/b/" -> "a/b"
    fs::path partial;
    for (const auto& part : dir) {
        partial /= part;
        const bool leaf = partial == dir;
        if (::mkdir(partial.c_str(), leaf ? 0700 : 0755) == 0 || errno == EEXIST)
            continue;
        fail("cannot create directory", partial, errno);
    }
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0)
        fail("cannot create directory", dir, errno);
    if (!S_ISDIR(st.st_mode))
        fail("cannot create directory", dir, ENOTDIR);
}

/// Writes `text` to `path` atomically: a private temp file, fsync, rename.
void write_private_file(const fs::path& path, const std::string& text)
{
    const fs::path temp = path.parent_path()
        / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." + generate_password(8));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        fail("cannot create", temp, errno);

    int err = 0;
    if (::fchmod(fd, 0600) != 0) // the umask may have removed bits we need
        err = errno;
    for (std::size_t done = 0; !err && done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno != EINTR)
            err = errno;
        else if (n > 0)
            done += static_cast<std::size_t>(n);
    }
    if (!err && ::fsync(fd) != 0)
        err = errno;
    if (::close(fd) != 0 && !err)
        err = errno;
    if (!err && ::rename(temp.c_str(), path.c_str()) != 0)
        err = errno;
    if (err) {
        ::unlink(temp.c_str());
        fail("cannot write", path, err);
    }
    // Make the rename itself durable; failing here loses nothing we need now.
    if (const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

HttpCredentials read_stored(const fs::path& file)
{
    HttpCredentials creds;
    creds.stored_in = file;

    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        fail("cannot read credentials file", file, errno);
    if ((st.st_mode & 077) != 0) {
        if (::chmod(file.c_str(), 0600) == 0)
            creds.warning = file.string() + " could be read by other users; its mode is now 0600";
        else
            creds.warning = file.string() + " can be read by other users and chmod 0600 failed: "
                + std::strerror(errno);
    }

    const ConfigFile stored = ConfigFile::load(file);
    auto username = stored.value("httpd_username");
    auto password = stored.value("httpd_password");
    if (!username || username->empty() || !password || password->empty())
        throw ConfigError(file.string()
            + ": needs non-empty httpd_username= and httpd_password=; fix it, or delete it to generate new credentials");
    creds.username = std::move(*username);
    creds.password = std::move(*password);
    return creds;
}

} // namespace

std::string generate_password(std::size_t length)
{
    std::random_device rd;
    std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
    std::string out;
    out.reserve(length);
    for (std::size_t i = 0; i < length; ++i)
        out += kAlphabet[pick(rd)];
    return out;
}

fs::path default_homedir()
{
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/root") / ".airsight";
}

HttpCredentials resolve_http_credentials(const airsight::ConfigView& config, const fs::path& homedir)
{
    auto username = config.value("httpd_username");
    auto password = config.value("httpd_password");
    if (username && password) {
        HttpCredentials creds;
        creds.username = std::move(*username);
        creds.password = std::move(*password);
        return creds;
    }

    const fs::path file = homedir / kHttpCredentialsFile;
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0)
        return read_stored(file);
    if (errno != ENOENT)
        fail("cannot read credentials file", file, errno);

    make_private_dir(homedir);
    HttpCredentials creds;
    creds.username = "airsight";
    creds.password = generate_password(24);
    creds.stored_in = file;
    creds.generated = true;
    write_private_file(file,
        "# airsight web UI login, generated on first start.\n"
        "# Edit it here, or set httpd_username= and httpd_password= in airsight.conf.\n"
        "httpd_username=" + creds.username + "\n"
        "httpd_password=" + creds.password + "\n");
    return creds;
}

} // namespace airsight::core
